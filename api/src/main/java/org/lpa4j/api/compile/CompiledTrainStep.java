package org.lpa4j.api.compile;

import java.util.List;
import org.lpa4j.api.tensor.HostTensor;

/**
 * A compiled training step: computes the loss, its gradients for the trainable parameters, and applies
 * one optimizer update to those parameters in the store. Frozen parameters are read but never changed.
 */
public interface CompiledTrainStep extends AutoCloseable {
    /** Runs one step at {@code learningRate} and returns the loss before the update. */
    double run(List<HostTensor> inputs, double learningRate);

    /** How many steps this program has applied (Adam's bias correction uses it). */
    long stepCount();

    /** The optimizer's state after the steps applied so far, copied to the host (for a checkpoint). */
    OptimizerState exportState();

    /**
     * Replaces the optimizer's state and step count with {@code state}, exported by a step of the same trainable parameters
     * and optimizer (on any backend), so the next {@link #run} applies exactly the update the exporting step's next run would.
     * A state with other slots, shapes or types is refused with a sentence and changes nothing.
     */
    void importState(OptimizerState state);

    /** Releases native resources and optimizer state; the program cannot run afterwards. Closing twice is harmless. */
    @Override
    void close();
}
