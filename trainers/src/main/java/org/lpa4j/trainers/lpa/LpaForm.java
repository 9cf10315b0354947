package org.lpa4j.trainers.lpa;

/** How the per-depth terms share gradients. */
public enum LpaForm {
    /** {@code sum_l w_l loss(head(h_l), y)}; gradients of every term flow through all earlier blocks. */
    JOINT,
    /** Block l's term sees {@code h_{l-1}} through a stop-gradient, so block l fits only the residual target. */
    LAYER_LOCAL
}
