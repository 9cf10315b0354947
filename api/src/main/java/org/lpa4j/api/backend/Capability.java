package org.lpa4j.api.backend;

/**
 * Optional features a backend declares. A backend that lacks one throws {@link UnsupportedCapabilityException}
 * when it is used, and the conformance suite skips the matching tests, saying why.
 */
public enum Capability {
    /** Double-precision tensors and parameters. */
    FLOAT64,
    /** {@code conv2d}. */
    CONV2D,
    /** {@code maxPool2d} and {@code avgPool2d}. */
    POOLING,
    /** {@code gather} (embedding lookup). */
    GATHER,
    /** Gradients and training: {@code compileGradient} and {@code compileTrainStep} (an inference-only engine lacks it). */
    TRAINING
}
