package org.lpa4j.api.spi;

import java.util.List;
import org.lpa4j.api.compile.CompiledGradient;
import org.lpa4j.api.compile.GradientResult;
import org.lpa4j.api.compile.InputSpec;
import org.lpa4j.api.tensor.HostTensor;

/** A gradient program: {@link #run} checks and locks, then the backend's {@link #execute} runs the engine. */
public abstract class AbstractCompiledGradient extends AbstractProgram implements CompiledGradient {

    protected AbstractCompiledGradient(AbstractVariableStore store, List<InputSpec> specs) {
        super(store, "gradient program", specs);
    }

    @Override
    public final GradientResult run(List<HostTensor> inputs) {
        synchronized (lock()) {
            checkRun(inputs);
            return execute(inputs);
        }
    }

    /** The loss and a gradient for every parameter the program was compiled for (zeros where the loss does not depend on it). */
    protected abstract GradientResult execute(List<HostTensor> inputs);
}
