package org.lpa4j.trainers;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.lpa4j.api.compile.InputSpec;
import org.lpa4j.api.ops.Ops;
import org.lpa4j.api.params.Parameters;
import org.lpa4j.api.tensor.HostTensor;
import org.lpa4j.api.tensor.Tensor;

/**
 * What one run of the {@link TrainingLoop} trains: the step's named inputs and loss, the parameters it updates, the
 * training examples as batches, and the validation after each epoch. Batching, shuffling, the schedule, the
 * divergence check, early stopping and the listeners belong to the loop.
 */
public interface TrainingStage {

    /** The inputs of one training step; the loss reads them by name. */
    List<InputSpec> inputs();

    /** The scalar loss of one step. */
    Tensor loss(Ops ops, Parameters params, StepInputs inputs);

    /** The parameters the optimizer updates; the others stay frozen. */
    Set<String> trainable();

    /** The number of training examples. */
    int examples();

    /** The values of {@link #inputs()} for the training examples {@code rows}, in that order. */
    List<HostTensor> batch(int[] rows);

    /** Called after every epoch: the validation metric at every depth; the last depth drives early stopping. */
    double[] validate();

    /** What the stage has learnt beyond its weights (e.g. an objective's running values), by name, for a checkpoint; none by default. */
    default Map<String, double[]> state() {
        return Map.of();
    }

    /** Continues from a checkpoint's {@link #state}. */
    default void restore(Map<String, double[]> state) {
    }
}
