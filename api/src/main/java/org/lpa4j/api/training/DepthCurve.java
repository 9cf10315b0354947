package org.lpa4j.api.training;

import java.util.Objects;

/** One trainer's test metric at every depth 1..L ({@code values[l-1]}), with its training wall time and epochs run. */
public record DepthCurve(String trainer, double[] values, double wallSeconds, int epochsRun) {
    public DepthCurve {
        Objects.requireNonNull(trainer, "trainer is null");
        values = values.clone();
    }

    /** The metric at depth {@code l} (1-based). */
    public double at(int l) {
        return values[l - 1];
    }

    public int depth() {
        return values.length;
    }

    @Override
    public double[] values() {
        return values.clone();
    }
}
