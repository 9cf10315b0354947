package org.lpa4j.cli;

import org.lpa4j.api.tensor.DType;

/**
 * What an architecture needs to know about a task's examples: the shape of one input without the batch dimension
 * ({@code [d]} for surfaces, {@code [C, H, W]} for images, {@code [T]} for token sequences), whether inputs are
 * token ids, the token vocabulary (0 for continuous inputs) and the number of outputs (classes, or target values).
 */
record TaskShape(int[] example, boolean tokens, int vocabulary, int outputs) {
    TaskShape {
        example = example.clone();
    }

    /** A continuous input of {@code dims} features per example and {@code outputs} targets. */
    static TaskShape features(int dims, int outputs) {
        return new TaskShape(new int[] {dims}, false, 0, outputs);
    }

    /** The input's element type for a network of float type {@code floatType}. */
    DType inputType(DType floatType) {
        return tokens ? DType.INT32 : floatType;
    }

    @Override
    public int[] example() {
        return example.clone();
    }
}
