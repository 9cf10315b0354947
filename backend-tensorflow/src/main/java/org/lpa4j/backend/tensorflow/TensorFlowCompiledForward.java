package org.lpa4j.backend.tensorflow;

import java.util.ArrayList;
import java.util.List;
import org.lpa4j.api.compile.InputSpec;
import org.lpa4j.api.spi.AbstractCompiledForward;
import org.lpa4j.api.spi.AbstractResidentTensor;
import org.lpa4j.api.tensor.HostTensor;
import org.tensorflow.Output;
import org.tensorflow.Result;
import org.tensorflow.Tensor;

/** A forward program: fetches the traced outputs in one session run, reading the store's current variables. */
final class TensorFlowCompiledForward extends AbstractCompiledForward {
    private final TensorFlowRun run;
    private final List<Output<?>> outputs;
    private final TensorFlowStaging staging;

    TensorFlowCompiledForward(TensorFlowVariableStore store, List<InputSpec> specs, TensorFlowRun run, List<Output<?>> outputs) {
        super(store, specs);
        this.run = run;
        this.outputs = List.copyOf(outputs);
        this.staging = new TensorFlowStaging(specs.size());
    }

    @Override
    protected List<HostTensor> execute(List<HostTensor> inputs) {
        List<Tensor> fed = new ArrayList<>(inputs.size());
        for (int i = 0; i < inputs.size(); i++) {
            fed.add(staging.stage(i, inputs.get(i)));
        }
        try (Result r = run.runNative(fed, outputs)) {
            List<HostTensor> out = new ArrayList<>(outputs.size());
            for (int i = 0; i < outputs.size(); i++) {
                out.add(TensorFlowHostCopy.toHost(r.get(i)));
            }
            return out;
        }
    }

    /** Feeds the resident inputs as they are and hands out every output inside its result: nothing crosses to Java. */
    @Override
    protected List<AbstractResidentTensor> executeResident(List<AbstractResidentTensor> inputs) {
        return TensorFlowVariableStore.residents(store(), run.runNative(inputs.stream().map(t -> ((TensorFlowResident) t).tensor()).toList(),
                outputs), outputs.size());
    }

    @Override
    protected void release() {
        staging.close();
    }
}
