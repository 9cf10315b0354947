package org.lpa4j.cli.inference;

import java.util.Arrays;

/** Wall-clock timing of a call: a few warm-up runs, then the median of repeated runs. */
final class Latency {
    private Latency() {
    }

    /** The median milliseconds of {@code repeats} runs of {@code call}, after {@code warmup} untimed runs. */
    static double medianMs(Runnable call, int warmup, int repeats) {
        for (int i = 0; i < warmup; i++) {
            call.run();
        }
        double[] ms = new double[repeats];
        for (int i = 0; i < repeats; i++) {
            long t0 = System.nanoTime();
            call.run();
            ms[i] = (System.nanoTime() - t0) / 1e6;
        }
        return median(ms);
    }

    static double median(double[] values) {
        double[] s = values.clone();
        Arrays.sort(s);
        return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
    }
}
