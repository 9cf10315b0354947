package org.lpa4j.api.compile;

import java.util.List;
import org.lpa4j.api.tensor.HostTensor;

/** A compiled program returning a loss and its gradients, without changing any parameter. */
public interface CompiledGradient extends AutoCloseable {
    /** The loss and the gradients with respect to the parameters named at compile time. */
    GradientResult run(List<HostTensor> inputs);

    /** Releases native resources; the program cannot run afterwards. Closing twice is harmless. */
    @Override
    void close();
}
