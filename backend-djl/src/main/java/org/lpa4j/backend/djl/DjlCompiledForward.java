package org.lpa4j.backend.djl;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.lpa4j.api.compile.ForwardFunction;
import org.lpa4j.api.compile.InputSpec;
import org.lpa4j.api.spi.AbstractCompiledForward;
import org.lpa4j.api.spi.BackendTensor;
import org.lpa4j.api.tensor.HostTensor;

/** A forward program: at each run the function is called eagerly, without gradients, and its outputs copied to the host. */
final class DjlCompiledForward extends AbstractCompiledForward {
    private final DjlVariableStore store;
    private final ForwardFunction function;
    /** One reusable direct buffer per input (see {@link DjlArrays}); runs are serialised on the store, so one set suffices. */
    private final ByteBuffer[] staging;

    DjlCompiledForward(DjlVariableStore store, List<InputSpec> specs, ForwardFunction function) {
        super(store, specs);
        this.store = store;
        this.function = function;
        this.staging = new ByteBuffer[specs.size()];
    }

    @Override
    protected List<HostTensor> execute(List<HostTensor> inputs) {
        try (NDManager runManager = store.manager().newSubManager(); NDScope scope = new NDScope()) {
            scope.suppressNotUsedWarning();
            DjlOps ops = new DjlOps(runManager);
            List<BackendTensor<NDArray>> outputs = ops.callForward(function, store.parameters(ops, Set.of(), null),
                    DjlVariableStore.inputs(ops, specs(), inputs, staging));
            List<HostTensor> host = new ArrayList<>(outputs.size());
            for (BackendTensor<NDArray> t : outputs) {
                host.add(DjlArrays.toHost(t.node(), t.dtype()));
            }
            return host;
        }
    }
}
