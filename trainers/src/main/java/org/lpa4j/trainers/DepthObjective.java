package org.lpa4j.trainers;

import java.util.List;
import java.util.Map;
import org.lpa4j.api.compile.InputSpec;
import org.lpa4j.api.ops.Ops;
import org.lpa4j.api.params.Parameters;
import org.lpa4j.api.tensor.HostTensor;
import org.lpa4j.api.tensor.Tensor;

/**
 * The per-run part of a trainer that puts a loss on a network's readouts: the loss of a step, any extra inputs it reads
 * (by name, beside {@link AbstractProgressiveTrainer#INPUT} and {@link AbstractProgressiveTrainer#TARGET}), and what
 * it learns from each epoch's validation losses. A trainer makes a fresh one for every run, so it keeps no run state.
 */
public interface DepthObjective {

    /** The scalar loss of one step. */
    Tensor loss(Ops ops, Parameters params, StepInputs inputs);

    /** Inputs the loss reads besides the examples and targets; none by default. */
    default List<InputSpec> extraInputs() {
        return List.of();
    }

    /**
     * {@link #extraInputs()} for a step whose {@link AbstractProgressiveTrainer#TARGET} input is {@code targets}, for an
     * input shaped to broadcast against the targets; by default those that do not depend on it.
     */
    default List<InputSpec> extraInputs(InputSpec targets) {
        return extraInputs();
    }

    /** The current values of {@link #extraInputs()}. */
    default List<HostTensor> extraValues() {
        return List.of();
    }

    /** Called after each epoch with the validation loss at every depth (index l-1). */
    default void afterEpoch(double[] validationLossPerDepth) {
    }

    /** What this objective has learnt so far (running values, random draws), by name, for a checkpoint; none by default. */
    default Map<String, double[]> state() {
        return Map.of();
    }

    /** Continues from a checkpoint's {@link #state}. */
    default void restore(Map<String, double[]> state) {
    }
}
