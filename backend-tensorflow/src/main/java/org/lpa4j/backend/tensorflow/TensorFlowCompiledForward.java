package org.lpa4j.backend.tensorflow;

import java.util.ArrayList;
import java.util.List;
import org.lpa4j.api.compile.CompiledForward;
import org.lpa4j.api.compile.InputSpec;
import org.lpa4j.api.tensor.HostTensor;
import org.tensorflow.Output;
import org.tensorflow.Result;

/** A forward program: fetches the traced outputs in one session run, reading the store's current variables. */
public final class TensorFlowCompiledForward extends TensorFlowProgram implements CompiledForward {
    private final List<Output<?>> outputs;

    TensorFlowCompiledForward(TensorFlowVariableStore store, List<InputSpec> specs, List<Output<?>> placeholders,
            List<Output<?>> outputs) {
        super(store, "forward program", specs, placeholders);
        this.outputs = List.copyOf(outputs);
    }

    @Override
    public List<HostTensor> run(List<HostTensor> inputs) {
        try (Result r = execute(inputs, outputs, null, null, null)) {
            List<HostTensor> out = new ArrayList<>(outputs.size());
            for (int i = 0; i < outputs.size(); i++) {
                out.add(TensorFlowHostCopy.toHost(r.get(i)));
            }
            return out;
        }
    }
}
