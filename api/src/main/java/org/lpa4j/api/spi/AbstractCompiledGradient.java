package org.lpa4j.api.spi;

import java.util.List;
import java.util.Set;
import org.lpa4j.api.compile.CompiledGradient;
import org.lpa4j.api.compile.GradientResult;
import org.lpa4j.api.compile.InputSpec;
import org.lpa4j.api.tensor.HostTensor;

/** A gradient program: {@link #run} checks and locks, then the backend's {@link #execute} runs the engine. */
public abstract class AbstractCompiledGradient extends AbstractProgram implements CompiledGradient {
    private final Set<String> wrt;

    protected AbstractCompiledGradient(AbstractVariableStore store, List<InputSpec> specs, Set<String> wrt) {
        super(store, "gradient program", specs);
        this.wrt = wrt;
    }

    /** The parameters differentiated, in layout order. */
    protected final Set<String> wrt() {
        return wrt;
    }

    @Override
    public final GradientResult run(List<HostTensor> inputs) {
        synchronized (lock()) {
            checkRun(inputs);
            return execute(inputs);
        }
    }

    /** The loss and a gradient for every name of {@link #wrt()} (zeros where the loss does not depend on it). */
    protected abstract GradientResult execute(List<HostTensor> inputs);
}
