package org.lpa4j.api.spi;

import java.util.ArrayList;
import java.util.List;
import org.lpa4j.api.compile.CompiledForward;
import org.lpa4j.api.compile.InputSpec;
import org.lpa4j.api.compile.ResidentTensor;
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

    @Override
    public final List<ResidentTensor> runResident(List<ResidentTensor> inputs) {
        synchronized (lock()) {
            List<AbstractResidentTensor> checked = checkResident(inputs);
            List<AbstractResidentTensor> out = executeResident(checked);
            out.forEach(store()::remember);
            return List.copyOf(out);
        }
    }

    /** The outputs for {@code inputs}, which match the specs. */
    protected abstract List<HostTensor> execute(List<HostTensor> inputs);

    /**
     * The outputs for resident {@code inputs} (this store's, open, matching the specs), as new resident tensors. The default
     * goes through the host; a backend with engine-side tensors overrides it to keep them there.
     */
    protected List<AbstractResidentTensor> executeResident(List<AbstractResidentTensor> inputs) {
        List<HostTensor> host = new ArrayList<>(inputs.size());
        inputs.forEach(t -> host.add(t.copyToHost()));
        List<AbstractResidentTensor> out = new ArrayList<>();
        for (HostTensor t : execute(host)) {
            out.add(store().newResident(t));
        }
        return out;
    }
}
