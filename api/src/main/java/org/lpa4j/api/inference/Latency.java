package org.lpa4j.api.inference;

import java.util.Arrays;

/** Wall-clock timing of calls, and the median of repeated timings. */
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
        double[] s = values.clone();
        Arrays.sort(s);
        return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
    }
}
