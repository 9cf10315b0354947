package org.lpa4j.trainers;

import java.util.List;
import org.lpa4j.api.tensor.HostTensor;
import org.lpa4j.api.training.ResidualTarget;

/** The training losses recomputed on the host from predictions, per depth (for adaptive depth weights and reports). */
final class HostLosses {
    private HostLosses() {
    }

    static double[] perDepth(List<HostTensor> predictions, HostTensor y, ResidualTarget target) {
        double[] out = new double[predictions.size()];
        for (int l = 0; l < out.length; l++) {
            out[l] = target.name().equals("mse") ? mse(predictions.get(l), y) : crossEntropy(predictions.get(l), y);
        }
        return out;
    }

    static double mse(HostTensor p, HostTensor y) {
        double s = 0;
        for (int i = 0; i < y.size(); i++) {
            double d = p.getDouble(i) - y.getDouble(i);
            s += d * d;
        }
        return s / y.size();
    }

    static double crossEntropy(HostTensor logits, HostTensor labels) {
        int c = logits.shape().dim(-1);
        int n = logits.size() / c;
        double s = 0;
        for (int i = 0; i < n; i++) {
            double m = Double.NEGATIVE_INFINITY;
            for (int k = 0; k < c; k++) {
                m = Math.max(m, logits.getDouble(i * c + k));
            }
            double z = 0;
            for (int k = 0; k < c; k++) {
                z += Math.exp(logits.getDouble(i * c + k) - m);
            }
            s += m + Math.log(z) - logits.getDouble(i * c + (int) labels.getDouble(i));
        }
        return s / n;
    }
}
