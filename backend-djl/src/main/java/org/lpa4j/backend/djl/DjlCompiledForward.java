package org.lpa4j.backend.djl;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.lpa4j.api.compile.CompileChecks;
import org.lpa4j.api.compile.CompiledForward;
import org.lpa4j.api.compile.ForwardFunction;
import org.lpa4j.api.compile.InputSpec;
import org.lpa4j.api.tensor.HostTensor;
import org.lpa4j.api.tensor.Tensor;

/** A forward program: at each run the function is called eagerly, without gradients, and its outputs copied to the host. */
final class DjlCompiledForward extends DjlProgram implements CompiledForward {
    private final ForwardFunction function;

    DjlCompiledForward(DjlVariableStore store, List<InputSpec> specs, ForwardFunction function) {
        super(store, specs, "compiled forward program");
        this.function = function;
    }

    @Override
    public List<HostTensor> run(List<HostTensor> inputs) {
        synchronized (store) {
            checkRun(inputs);
            try (NDManager runManager = store.manager().newSubManager(); NDScope scope = new NDScope()) {
                scope.suppressNotUsedWarning();
                DjlOps ops = new DjlOps(runManager);
                try {
                    List<Tensor> outputs = function.apply(ops, store.parameters(ops, Set.of(), null),
                            DjlVariableStore.inputs(ops, specs, inputs, staging));
                    CompileChecks.requireOutputs(outputs);
                    List<HostTensor> host = new ArrayList<>(outputs.size());
                    for (Tensor t : outputs) {
                        host.add(DjlArrays.toHost(ops.unwrap("forward output", t), t.dtype()));
                    }
                    return host;
                } finally {
                    ops.end();
                }
            }
        }
    }
}
