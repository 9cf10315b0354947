package org.lpa4j.api.training;

/**
 * How the learning rate moves from the base rate through training; the one schedule type of every trainer. The
 * decaying schedules end at {@code finalFraction} of the base rate.
 */
public enum LearningRateSchedule {
    /** The base rate throughout. */
    CONSTANT,
    /** Cosine decay, per step, from the base rate to {@code finalFraction} of it. */
    COSINE,
    /** The base rate, divided by 10 at 50% and again at 75% of training. */
    STEP,
    /**
     * Exponential decay, per epoch, from the base rate at the first epoch to {@code finalFraction} of it at the last,
     * constant within an epoch: the published multigrade schedule {@code t_max e^(-gamma i)}.
     */
    EXPONENTIAL;

    /**
     * The rate at step {@code step} of {@code totalSteps} (0-based), in epoch {@code epoch} of {@code epochs} (1-based).
     */
    public double at(double base, double finalFraction, long step, long totalSteps, int epoch, int epochs) {
        double stepProgress = totalSteps <= 1 ? 0 : Math.min(1.0, (double) step / (totalSteps - 1));
        switch (this) {
            case COSINE:
                return base * (finalFraction + (1 - finalFraction) * 0.5 * (1 + Math.cos(Math.PI * stepProgress)));
            case STEP:
                return base * (stepProgress < 0.5 ? 1 : stepProgress < 0.75 ? 0.1 : 0.01);
            case EXPONENTIAL:
                double epochProgress = epochs <= 1 ? 0 : Math.min(1.0, Math.max(0.0, (double) (epoch - 1) / (epochs - 1)));
                return base * Math.pow(finalFraction, epochProgress);
            default:
                return base;
        }
    }
}
