package org.lpa4j.api.data;

import java.util.Arrays;
import java.util.Objects;
import org.lpa4j.api.Lpa4jException;
import org.lpa4j.api.tensor.DType;

/**
 * What an architecture needs to know about a task's examples: the shape of one input without the batch dimension
 * ({@code [d]} for features, {@code [C, H, W]} for images, {@code [T]} for token sequences), whether inputs are token
 * ids, the token vocabulary (0 for continuous inputs), the number of outputs (targets, classes or vocabulary) and what
 * the output means.
 */
public record TaskShape(int[] example, boolean tokens, int vocabulary, int outputs, OutputKind output) {
    public TaskShape {
        Objects.requireNonNull(example, "example is null");
        Objects.requireNonNull(output, "output is null");
        example = example.clone();
        if (example.length == 0 || Arrays.stream(example).anyMatch(d -> d <= 0)) {
            throw new Lpa4jException("An example's shape must have positive dimensions but is " + Arrays.toString(example) + ".");
        }
        if (outputs <= 0) {
            throw new Lpa4jException("A task needs at least one output but has " + outputs + ".");
        }
        if (tokens && vocabulary <= 0) {
            throw new Lpa4jException("A task of token ids needs a positive vocabulary size but has " + vocabulary + ".");
        }
    }

    /** A continuous input of {@code dims} features per example and {@code outputs} regression targets. */
    public static TaskShape features(int dims, int outputs) {
        return new TaskShape(new int[] {dims}, false, 0, outputs, OutputKind.REGRESSION);
    }

    /** The input's element type for a network of float type {@code floatType}. */
    public DType inputType(DType floatType) {
        return tokens ? DType.INT32 : floatType;
    }

    @Override
    public int[] example() {
        return example.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TaskShape s && Arrays.equals(example, s.example) && tokens == s.tokens && vocabulary == s.vocabulary
                && outputs == s.outputs && output == s.output;
    }

    @Override
    public int hashCode() {
        return Objects.hash(Arrays.hashCode(example), tokens, vocabulary, outputs, output);
    }

    @Override
    public String toString() {
        return "TaskShape[example=" + Arrays.toString(example) + ", tokens=" + tokens + ", vocabulary=" + vocabulary + ", outputs="
                + outputs + ", output=" + output + "]";
    }
}
