package org.lpa4j.trainers;

/**
 * Stops a stage whose loss is no longer a number or has grown by {@value #GROWTH} times its first value: both mean
 * the learning rate is too high, and training on would only save a useless model.
 */
final class DivergenceCheck {
    /** How many times the first loss a loss may reach before the stage counts as diverged. */
    static final double GROWTH = 1e6;

    private final String stage;
    private final double baseRate;
    private double first = Double.NaN;

    /** A check of {@code stage}, whose schedule starts from {@code baseRate}. */
    DivergenceCheck(String stage, double baseRate) {
        this.stage = stage;
        this.baseRate = baseRate;
    }

    /** The first loss seen (NaN before any), for a checkpoint. */
    double first() {
        return first;
    }

    /** Continues from a checkpoint's {@link #first}. */
    void restore(double firstLoss) {
        first = firstLoss;
    }

    /** Throws {@link TrainingDivergedException} unless {@code loss} is finite and within {@value #GROWTH} times the first. */
    void check(double loss, int epoch, int batch, double learningRate) {
        if (!Double.isFinite(loss)) {
            throw TrainingDivergedException.nonFinite(stage, epoch, batch, learningRate, baseRate, loss);
        }
        if (Double.isNaN(first)) {
            first = loss;
        } else if (first > 0 && loss > GROWTH * first) {
            throw TrainingDivergedException.growing(stage, epoch, batch, learningRate, baseRate, first, loss, GROWTH);
        }
    }
}
