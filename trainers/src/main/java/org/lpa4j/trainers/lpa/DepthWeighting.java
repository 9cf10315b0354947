package org.lpa4j.trainers.lpa;

import org.lpa4j.api.training.ResidualTarget;

/** How the per-depth loss terms are weighted; weights are normalised to sum to 1. */
public enum DepthWeighting {
    /** {@code w_l = 1/L}. */
    UNIFORM,
    /** {@code w_l proportional to l}: deeper readouts weigh more. */
    INCREASING,
    /** {@code w_l proportional to L + 1 - l}: shallower readouts weigh more, depth 1 the most (the mirror of {@link #INCREASING}). */
    DECREASING,
    /** {@code w_l proportional to 1 / (running mean of depth l's validation loss)}, updated after every epoch. */
    ADAPTIVE,
    /**
     * The one measured best for the loss, over seeds: {@link #ADAPTIVE} for squared error (regression) and {@link #UNIFORM}
     * for cross-entropy (classification, language models), where inverse losses starve the shallow depths.
     */
    BY_LOSS;

    /** The weighting this one stands for when the loss is {@code target}'s: itself, except {@link #BY_LOSS}. */
    public DepthWeighting resolve(ResidualTarget target) {
        if (this != BY_LOSS) {
            return this;
        }
        return target.name().equals(ResidualTarget.crossEntropy().name()) ? UNIFORM : ADAPTIVE;
    }
}
