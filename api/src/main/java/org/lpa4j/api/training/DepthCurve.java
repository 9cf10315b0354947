package org.lpa4j.api.training;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/** One trainer's test metric at every depth 1..L ({@code values[l-1]}), with its training wall time and epochs run. */
public record DepthCurve(String trainer, double[] values, double wallSeconds, int epochsRun) {
    public DepthCurve {
        Objects.requireNonNull(trainer, "trainer is null");
        values = values.clone();
    }

    /**
     * A column made of one model per depth (e.g. the separate models): at depth k the deepest value of the model of depth
     * k, NaN at depths no model was trained for; its time is the models' total and its epochs their most.
     */
    public static DepthCurve ofModels(String trainer, int depth, List<DepthCurve> models) {
        double[] values = new double[depth];
        Arrays.fill(values, Double.NaN);
        double seconds = 0;
        int epochs = 0;
        for (DepthCurve c : models) {
            values[c.depth() - 1] = c.at(c.depth());
            seconds += c.wallSeconds();
            epochs = Math.max(epochs, c.epochsRun());
        }
        return new DepthCurve(trainer, values, seconds, epochs);
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
