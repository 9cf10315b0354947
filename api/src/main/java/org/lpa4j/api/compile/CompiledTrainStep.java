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

    /** Releases native resources and optimizer state; the program cannot run afterwards. Closing twice is harmless. */
    @Override
    void close();
}
