package org.lpa4j.sweep;

import org.lpa4j.api.spi.EngineThreads;

/**
 * How an embedded sweep shares one machine: {@code local[N]} runs N cells at a time, each engine on T threads, with
 * N x T at most the cores, so cells do not fight over cores. Without a thread count, N is the cells or the cores,
 * whichever is fewer, and T the cores divided among them; with one, N is the cores divided by T (at least 1).
 *
 * @param cores   the cores of this process
 * @param slots   the cells run at a time (N)
 * @param threads each cell's engine threads (T)
 */
public record EmbeddedPolicy(int cores, int slots, int threads) {
    /** The policy for {@code cells} cells on {@code cores} cores, with {@code threads} engine threads per cell, or null to choose them. */
    public static EmbeddedPolicy choose(int cores, int cells, Integer threads) {
        int c = Math.max(1, cores);
        int work = Math.max(1, cells);
        if (threads != null) {
            return new EmbeddedPolicy(c, Math.max(1, Math.min(work, c / threads)), threads);
        }
        int slots = Math.min(work, c);
        return new EmbeddedPolicy(c, slots, Math.max(1, c / slots));
    }

    /** The policy for {@code cells} cells on this process's cores ({@link EngineThreads#machineCores()}). */
    public static EmbeddedPolicy forThisMachine(int cells, Integer threads) {
        return choose(EngineThreads.machineCores(), cells, threads);
    }

    /** Spark's master URL of this policy. */
    public String master() {
        return "local[" + slots + "]";
    }

    @Override
    public String toString() {
        return "embedded Spark " + master() + ": " + slots + " cell(s) at a time on this machine's " + cores + " core(s), " + threads
                + " engine thread(s) per cell";
    }
}
