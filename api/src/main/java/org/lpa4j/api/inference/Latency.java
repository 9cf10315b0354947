package org.lpa4j.api.inference;

import java.util.Arrays;

/** Wall-clock timing of calls, and the median and quartiles of repeated timings. */
final class Latency {
    private Latency() {
    }

    /** The milliseconds one run of {@code call} takes. */
    static double ms(Runnable call) {
        long t0 = System.nanoTime();
        call.run();
        return (System.nanoTime() - t0) / 1e6;
    }

    /** The median of {@code values}. */
    static double median(double[] values) {
        return quantile(values, 0.5);
    }

    /** The {@code q} quantile of {@code values} (0.25 the first quartile), interpolated between the two nearest values. */
    static double quantile(double[] values, double q) {
        double[] s = values.clone();
        Arrays.sort(s);
        double at = q * (s.length - 1);
        int below = (int) Math.floor(at);
        int above = Math.min(below + 1, s.length - 1);
        return s[below] + (at - below) * (s[above] - s[below]);
    }
}
