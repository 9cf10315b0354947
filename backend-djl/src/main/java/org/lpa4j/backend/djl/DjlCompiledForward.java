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
import org.lpa4j.api.spi.AbstractResidentTensor;
import org.lpa4j.api.spi.BackendTensor;
import org.lpa4j.api.tensor.HostTensor;
import org.lpa4j.api.tensor.Tensor;

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
            List<HostTensor> host = new ArrayList<>();
            for (BackendTensor<NDArray> t : call(ops, DjlVariableStore.inputs(ops, specs(), inputs, staging))) {
                host.add(DjlArrays.toHost(t.node(), t.dtype()));
            }
            return host;
        }
    }

    /** Feeds the resident arrays as they are and keeps each output on PyTorch, attached to the store: nothing crosses to Java. */
    @Override
    protected List<AbstractResidentTensor> executeResident(List<AbstractResidentTensor> inputs) {
        try (NDManager runManager = store.manager().newSubManager(); NDScope scope = new NDScope()) {
            scope.suppressNotUsedWarning();
            DjlOps ops = new DjlOps(runManager);
            List<NDArray> arrays = inputs.stream().map(t -> ((DjlResident) t).array()).toList();
            List<Tensor> fed = new ArrayList<>(arrays.size());
            for (int i = 0; i < arrays.size(); i++) {
                fed.add(ops.wrap(arrays.get(i), specs().get(i).shape(), specs().get(i).dtype()));
            }
            Set<NDArray> owned = DjlVariableStore.fedArrays(arrays);
            List<AbstractResidentTensor> out = new ArrayList<>();
            for (BackendTensor<NDArray> t : call(ops, fed)) {
                out.add(store.keep(t.node(), t.dtype(), owned));
            }
            return out;
        }
    }

    /** The function called eagerly on {@code ops}, without gradients, with the store's live parameters. */
    private List<BackendTensor<NDArray>> call(DjlOps ops, List<Tensor> inputs) {
        return ops.callForward(function, store.parameters(ops, Set.of(), null), inputs);
    }
}
