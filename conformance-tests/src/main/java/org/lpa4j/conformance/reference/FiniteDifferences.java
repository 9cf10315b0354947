package org.lpa4j.conformance.reference;

import java.util.List;
import java.util.function.Function;
import org.lpa4j.api.tensor.HostTensor;

/**
 * Central finite differences of a scalar function of FLOAT64 host tensors, the suite's independent source of
 * expected gradients: {@code (f(x + h e_i) - f(x - h e_i)) / 2h} with {@link #STEP}.
 */
public final class FiniteDifferences {
    /** The step h of the central differences, evaluated in FLOAT64 (the suite's tolerances for gradients are sized for it). */
    public static final double STEP = 1e-6;

    private FiniteDifferences() {
    }

    /** The gradient of {@code f} with respect to {@code args.get(which)}, the other arguments held fixed. */
    public static HostTensor gradient(Function<List<HostTensor>, Double> f, List<HostTensor> args, int which) {
        return gradient(f, args, which, STEP);
    }

    /** The same with an explicit step {@code h}. */
    public static HostTensor gradient(Function<List<HostTensor>, Double> f, List<HostTensor> args, int which, double h) {
        HostTensor x = args.get(which);
        double[] base = x.toDoubleArray();
        double[] g = new double[base.length];
        java.util.ArrayList<HostTensor> shifted = new java.util.ArrayList<>(args);
        for (int i = 0; i < base.length; i++) {
            double[] plus = base.clone();
            plus[i] += h;
            shifted.set(which, HostTensor.ofDoubles(x.shape(), plus));
            double fp = f.apply(shifted);
            double[] minus = base.clone();
            minus[i] -= h;
            shifted.set(which, HostTensor.ofDoubles(x.shape(), minus));
            double fm = f.apply(shifted);
            g[i] = (fp - fm) / (2 * h);
        }
        return HostTensor.ofDoubles(x.shape(), g);
    }

    /** {@code sum(y * weights)}, the scalar loss the suite differentiates. */
    public static double weightedSum(HostTensor y, HostTensor weights) {
        double s = 0;
        for (int i = 0; i < y.size(); i++) {
            s += y.getDouble(i) * weights.getDouble(i);
        }
        return s;
    }
}
