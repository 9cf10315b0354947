package org.lpa4j.architectures.readout;

import java.util.List;
import org.lpa4j.api.data.Metric;
import org.lpa4j.api.tensor.DType;
import org.lpa4j.api.tensor.HostTensor;

/**
 * Temperature scaling of each depth's logits, fitted after training: for depth l the {@code T_l} that minimises the
 * cross-entropy of {@code logits_l / T_l} on held-out labels (the validation split). It changes no prediction, only
 * how confident each depth is.
 */
public final class ReadoutTemperatures {
    /** The search range of {@code log T}: temperatures from about 0.05 to 20. */
    private static final double LOG_LOW = Math.log(0.05);
    private static final double LOG_HIGH = Math.log(20);
    private static final int STEPS = 60;

    private ReadoutTemperatures() {
    }

    /** One temperature per depth, fitted on {@code logits} (one {@code [N, C]} tensor per depth) against the labels. */
    public static double[] fit(List<HostTensor> logits, HostTensor labels) {
        double[] t = new double[logits.size()];
        for (int l = 0; l < t.length; l++) {
            t[l] = fit(logits.get(l), labels);
        }
        return t;
    }

    /** The temperature that minimises the cross-entropy of {@code logits / T} against {@code labels} (golden-section on log T). */
    public static double fit(HostTensor logits, HostTensor labels) {
        double[] z = logits.toDoubleArray();
        double golden = (Math.sqrt(5) - 1) / 2;
        double a = LOG_LOW;
        double b = LOG_HIGH;
        double c = b - golden * (b - a);
        double d = a + golden * (b - a);
        double fc = loss(z, logits, labels, c);
        double fd = loss(z, logits, labels, d);
        for (int i = 0; i < STEPS; i++) {
            if (fc <= fd) {
                b = d;
                d = c;
                fd = fc;
                c = b - golden * (b - a);
                fc = loss(z, logits, labels, c);
            } else {
                a = c;
                c = d;
                fc = fd;
                d = a + golden * (b - a);
                fd = loss(z, logits, labels, d);
            }
        }
        return Math.exp((a + b) / 2);
    }

    private static double loss(double[] z, HostTensor logits, HostTensor labels, double logT) {
        double inverse = Math.exp(-logT);
        double[] scaled = new double[z.length];
        for (int i = 0; i < z.length; i++) {
            scaled[i] = z[i] * inverse;
        }
        return Metric.CROSS_ENTROPY.evaluate(HostTensor.fromDoubles(DType.FLOAT64, logits.shape(), scaled), labels);
    }
}
