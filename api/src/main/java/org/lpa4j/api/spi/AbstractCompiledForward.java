package org.lpa4j.api.spi;

import java.util.List;
import org.lpa4j.api.compile.CompiledForward;
import org.lpa4j.api.compile.InputSpec;
import org.lpa4j.api.tensor.HostTensor;

/** A forward program: {@link #run} checks and locks, then the backend's {@link #execute} runs the engine. */
public abstract class AbstractCompiledForward extends AbstractProgram implements CompiledForward {

    protected AbstractCompiledForward(AbstractVariableStore store, List<InputSpec> specs) {
        super(store, "forward program", specs);
    }

    @Override
    public final List<HostTensor> run(List<HostTensor> inputs) {
        synchronized (lock()) {
            checkRun(inputs);
            return execute(inputs);
        }
    }

    /** The outputs for {@code inputs}, which match the specs. */
    protected abstract List<HostTensor> execute(List<HostTensor> inputs);
}
