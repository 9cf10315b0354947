package org.lpa4j.api.training;

/** The learning rate at a step, as a fraction of progress through training. */
public enum LearningRateSchedule {
    /** The base rate throughout. */
    CONSTANT,
    /** Cosine decay from the base rate to 1% of it. */
    COSINE,
    /** The base rate, divided by 10 at 50% and again at 75% of training. */
    STEP;

    /** The rate at {@code step} of {@code totalSteps}. */
    public double at(double base, long step, long totalSteps) {
        double progress = totalSteps <= 1 ? 0 : Math.min(1.0, (double) step / (totalSteps - 1));
        switch (this) {
            case COSINE:
                return base * (0.01 + 0.99 * 0.5 * (1 + Math.cos(Math.PI * progress)));
            case STEP:
                return base * (progress < 0.5 ? 1 : progress < 0.75 ? 0.1 : 0.01);
            default:
                return base;
        }
    }
}
