package org.lpa4j.trainers.lpa;

/** How the per-depth loss terms are weighted; weights are normalised to sum to 1. */
public enum DepthWeighting {
    /** {@code w_l = 1/L}. */
    UNIFORM,
    /** {@code w_l proportional to l}: deeper readouts weigh more. */
    INCREASING,
    /** {@code w_l proportional to 1 / (running mean of depth l's validation loss)}, updated after every epoch. */
    ADAPTIVE
}
