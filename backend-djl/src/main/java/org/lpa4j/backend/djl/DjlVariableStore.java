package org.lpa4j.backend.djl;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.lpa4j.api.compile.ForwardFunction;
import org.lpa4j.api.compile.InputSpec;
import org.lpa4j.api.compile.LossFunction;
import org.lpa4j.api.compile.OptimizerSpec;
import org.lpa4j.api.params.ParameterSet;
import org.lpa4j.api.spi.AbstractCompiledForward;
import org.lpa4j.api.spi.AbstractCompiledGradient;
import org.lpa4j.api.spi.AbstractCompiledTrainStep;
import org.lpa4j.api.spi.AbstractResidentTensor;
import org.lpa4j.api.spi.AbstractVariableStore;
import org.lpa4j.api.spi.RowSelection;
import org.lpa4j.api.spi.TraceParameters;
import org.lpa4j.api.tensor.DType;
import org.lpa4j.api.tensor.HostTensor;
import org.lpa4j.api.tensor.Shape;
import org.lpa4j.api.tensor.Tensor;

/**
 * The live parameters of one network as PyTorch arrays in the store's own {@code NDManager}. Every program compiled
 * here reads these arrays at each run, so a train step's in-place update is visible to every other program at once.
 */
final class DjlVariableStore extends AbstractVariableStore {
    private final DjlBackend backend;
    private final NDManager manager;
    private final Map<String, NDArray> values = new LinkedHashMap<>();

    DjlVariableStore(DjlBackend backend, NDManager manager, ParameterSet initial) {
        super(backend, initial);
        this.backend = backend;
        this.manager = manager;
        try {
            for (Map.Entry<String, HostTensor> e : initial.asMap().entrySet()) {
                values.put(e.getKey(), ownedCopy(e.getValue()));
            }
        } catch (RuntimeException e) {
            manager.close();
            throw e;
        }
    }

    /** A copy of {@code value} in PyTorch-owned memory (not a view of a Java buffer). */
    private NDArray ownedCopy(HostTensor value) {
        try (NDManager temp = manager.newSubManager()) {
            NDArray staged = DjlArrays.toArray(temp, value);
            NDArray owned = staged.duplicate();
            owned.attach(manager);
            return owned;
        }
    }

    @Override
    protected ParameterSet exportValues() {
        Map<String, HostTensor> out = new LinkedHashMap<>();
        values.forEach((name, array) -> out.put(name, DjlArrays.toHost(array, dtype(name))));
        return ParameterSet.of(out);
    }

    @Override
    protected void loadValues(ParameterSet incoming) {
        Map<String, NDArray> fresh = new LinkedHashMap<>();
        try {
            for (String name : names()) {
                fresh.put(name, ownedCopy(incoming.get(name)));
            }
        } catch (RuntimeException e) {
            fresh.values().forEach(NDArray::close);
            throw e;
        }
        fresh.forEach((name, array) -> values.put(name, array).close());
    }

    @Override
    protected AbstractCompiledForward newForward(List<InputSpec> specs, ForwardFunction function) {
        return new DjlCompiledForward(this, specs, function);
    }

    @Override
    protected AbstractCompiledGradient newGradient(List<InputSpec> specs, LossFunction loss, Set<String> wrt) {
        return new DjlCompiledGradient(this, specs, loss, wrt);
    }

    @Override
    protected AbstractCompiledTrainStep newTrainStep(List<InputSpec> specs, LossFunction loss, Set<String> trainable,
            OptimizerSpec optimizer) {
        return new DjlCompiledTrainStep(this, specs, loss, trainable, optimizer);
    }

    /** A copy of {@code value} in PyTorch-owned memory. */
    @Override
    protected AbstractResidentTensor newResident(HostTensor value) {
        return new DjlResident(this, ownedCopy(value), value.dtype());
    }

    /** Floating rows are selected by the row-selection function (see {@link RowSelection}) run on PyTorch, the result staying there. */
    @Override
    protected AbstractResidentTensor selectRowsOf(AbstractResidentTensor t, int[] rows) {
        if (!t.dtype().isFloating() || rows.length == 0) {
            return super.selectRowsOf(t, rows);
        }
        int[] tail = Arrays.copyOfRange(t.shape().dims(), 1, t.shape().rank());
        try (NDManager run = manager.newSubManager(); NDScope scope = new NDScope()) {
            scope.suppressNotUsedWarning();
            DjlOps ops = new DjlOps(run);
            NDArray source = ((DjlResident) t).array();
            Shape index = Shape.of(rows.length);
            List<Tensor> in = List.of(ops.wrap(source, t.shape(), t.dtype()),
                    ops.wrap(DjlArrays.toArray(run, HostTensor.ofInts(index, rows)), index, DType.INT32));
            NDArray picked = ops.callForward(RowSelection.function(tail), parameters(ops, Set.of(), null), in).get(0).node();
            return keep(picked, t.dtype(), fedArrays(List.of(source)));
        }
    }

    /** The arrays a run is fed, as the identity set {@link #keep} starts from. */
    static Set<NDArray> fedArrays(List<NDArray> fed) {
        Set<NDArray> owned = Collections.newSetFromMap(new IdentityHashMap<>());
        owned.addAll(fed);
        return owned;
    }

    /**
     * {@code array}, an output made inside a run's {@link NDScope}, as a resident tensor attached to this store's
     * manager instead of the run's. An array that something else owns (a parameter, a fed array, an output kept
     * already: those in {@code owned}) is duplicated first, so that each resident closes only its own array. An output
     * that is a view of a parameter made by the function (a slice or reshape of it) shares the parameter's storage and
     * would follow a later train step's in-place update; forward programs that early exit runs compute their outputs.
     */
    DjlResident keep(NDArray array, DType dtype, Set<NDArray> owned) {
        boolean shared = owned.contains(array) || values.values().stream().anyMatch(v -> v == array);
        NDArray kept = shared ? array.duplicate() : array;
        NDScope.unregister(kept);
        kept.attach(manager);
        owned.add(kept);
        return new DjlResident(this, kept, dtype);
    }

    @Override
    protected void release() {
        manager.close();
    }

    // ---------------------------------------------------------------- for programs

    DjlBackend backend() {
        return backend;
    }

    NDManager manager() {
        return manager;
    }

    /** The live array of {@code name} (replaced by {@link #load}, so look it up at each run). */
    NDArray value(String name) {
        return values.get(name);
    }

    DType dtype(String name) {
        return layout().get(name).dtype();
    }

    /**
     * The parameters as tensors of {@code ops}. Those in {@code withGradient} are fresh leaves sharing storage with the
     * live arrays and requiring a gradient (they are put in {@code leaves}); the others are the live arrays themselves.
     */
    TraceParameters<NDArray> parameters(DjlOps ops, Set<String> withGradient, Map<String, NDArray> leaves) {
        return new TraceParameters<>(ops, layout(), name -> {
            NDArray array = values.get(name);
            if (!withGradient.contains(name)) {
                // Not differentiated by this program: a view that records no gradient, even if another program's leaf.
                return array.hasGradient() ? array.stopGradient() : array;
            }
            // The live array is the leaf, and its gradient buffer lives with it: PyTorch adds each backward pass into it
            // and the run zeroes it after use, instead of allocating every gradient afresh on a fresh leaf each step
            // (which cost DJL's bench step 11% against the same step written by hand).
            if (!array.hasGradient()) {
                array.setRequiresGradient(true);
            }
            leaves.put(name, array);
            return array;
        });
    }

    /** The host inputs copied into {@code ops}'s manager (through the program's staging buffers), with their specs' static shapes. */
    static List<Tensor> inputs(DjlOps ops, List<InputSpec> specs, List<HostTensor> values, ByteBuffer[] staging) {
        List<Tensor> out = new ArrayList<>(specs.size());
        for (int i = 0; i < specs.size(); i++) {
            InputSpec spec = specs.get(i);
            out.add(ops.wrap(DjlArrays.toArray(ops.manager(), values.get(i), staging, i), spec.shape(), spec.dtype()));
        }
        return Collections.unmodifiableList(out);
    }
}
