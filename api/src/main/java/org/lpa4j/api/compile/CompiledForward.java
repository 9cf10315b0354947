package org.lpa4j.api.compile;

import java.util.List;
import org.lpa4j.api.tensor.HostTensor;

/** A compiled forward program: runs the function on host inputs with the store's current parameters. */
public interface CompiledForward extends AutoCloseable {
    /** The outputs for these inputs, which must match the input specs given at compile time. */
    List<HostTensor> run(List<HostTensor> inputs);

    /**
     * The outputs for inputs already in the engine (of this program's store), left there: each output is a new resident
     * tensor that the caller closes. The inputs stay open.
     */
    List<ResidentTensor> runResident(List<ResidentTensor> inputs);

    /** Releases native resources; the program cannot run afterwards. Closing twice is harmless. */
    @Override
    void close();
}
