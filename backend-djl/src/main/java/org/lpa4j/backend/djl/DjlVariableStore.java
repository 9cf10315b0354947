package org.lpa4j.backend.djl;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.lpa4j.api.compile.CompileChecks;
import org.lpa4j.api.compile.CompiledForward;
import org.lpa4j.api.compile.CompiledGradient;
import org.lpa4j.api.compile.CompiledTrainStep;
import org.lpa4j.api.compile.ForwardFunction;
import org.lpa4j.api.compile.InputSpec;
import org.lpa4j.api.compile.LossFunction;
import org.lpa4j.api.compile.OptimizerSpec;
import org.lpa4j.api.compile.VariableStore;
import org.lpa4j.api.params.ParameterSet;
import org.lpa4j.api.tensor.DType;
import org.lpa4j.api.tensor.HostTensor;
import org.lpa4j.api.tensor.Tensor;

/**
 * The live parameters of one network as PyTorch arrays in the store's own {@code NDManager}. Every program compiled
 * here reads these arrays at each run, so a train step's in-place update is visible to every other program at once.
 */
final class DjlVariableStore implements VariableStore {
    private final DjlBackend backend;
    private final NDManager manager;
    private final ParameterSet layout;
    private final Map<String, NDArray> values = new LinkedHashMap<>();
    private final Set<String> names;
    private final Set<DjlProgram> programs = new LinkedHashSet<>();
    private boolean closed;

    DjlVariableStore(DjlBackend backend, NDManager manager, ParameterSet initial) {
        this.backend = backend;
        this.manager = manager;
        this.layout = initial;
        try {
            for (Map.Entry<String, HostTensor> e : initial.asMap().entrySet()) {
                values.put(e.getKey(), ownedCopy(e.getValue()));
            }
        } catch (RuntimeException e) {
            manager.close();
            throw e;
        }
        this.names = Collections.unmodifiableSet(new LinkedHashSet<>(initial.names()));
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
    public synchronized Set<String> names() {
        return names;
    }

    @Override
    public synchronized ParameterSet export() {
        requireOpen();
        Map<String, HostTensor> out = new LinkedHashMap<>();
        values.forEach((name, array) -> out.put(name, DjlArrays.toHost(array, layout.get(name).dtype())));
        return ParameterSet.of(out);
    }

    @Override
    public synchronized void load(ParameterSet incoming) {
        requireOpen();
        Objects.requireNonNull(incoming, "values are null");
        CompileChecks.requireSameLayout(layout, incoming);
        Map<String, NDArray> fresh = new LinkedHashMap<>();
        try {
            for (String name : names) {
                fresh.put(name, ownedCopy(incoming.get(name)));
            }
        } catch (RuntimeException e) {
            fresh.values().forEach(NDArray::close);
            throw e;
        }
        fresh.forEach((name, array) -> values.put(name, array).close());
    }

    @Override
    public synchronized CompiledForward compileForward(List<InputSpec> inputs, ForwardFunction function) {
        requireOpen();
        Objects.requireNonNull(function, "function is null");
        return register(new DjlCompiledForward(this, CompileChecks.inputSpecs(inputs), function));
    }

    @Override
    public synchronized CompiledGradient compileGradient(List<InputSpec> inputs, LossFunction loss, Set<String> wrt) {
        requireOpen();
        Objects.requireNonNull(loss, "loss is null");
        Set<String> chosen = CompileChecks.orderedSubset("wrt", names, wrt);
        return register(new DjlCompiledGradient(this, CompileChecks.inputSpecs(inputs), loss, chosen));
    }

    @Override
    public synchronized CompiledTrainStep compileTrainStep(List<InputSpec> inputs, LossFunction loss, Set<String> trainable,
                                                           OptimizerSpec optimizer) {
        requireOpen();
        Objects.requireNonNull(loss, "loss is null");
        Objects.requireNonNull(optimizer, "optimizer is null");
        Set<String> chosen = CompileChecks.orderedSubset("trainable", names, trainable);
        return register(new DjlCompiledTrainStep(this, CompileChecks.inputSpecs(inputs), loss, chosen, optimizer));
    }

    private <T extends DjlProgram> T register(T program) {
        programs.add(program);
        return program;
    }

    synchronized void forget(DjlProgram program) {
        programs.remove(program);
    }

    // ---------------------------------------------------------------- for programs

    void requireOpen() {
        if (closed) {
            throw CompileChecks.closed("variable store");
        }
    }

    boolean isClosed() {
        return closed;
    }

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
        return layout.get(name).dtype();
    }

    /**
     * The parameters as tensors of {@code ops}. Those in {@code withGradient} are fresh leaves sharing storage with the
     * live arrays and requiring a gradient (they are put in {@code leaves}); the others are the live arrays themselves.
     */
    DjlParameters parameters(DjlOps ops, Set<String> withGradient, Map<String, NDArray> leaves) {
        Map<String, DjlTensor> tensors = new LinkedHashMap<>();
        for (Map.Entry<String, NDArray> e : values.entrySet()) {
            String name = e.getKey();
            NDArray array = e.getValue();
            if (withGradient.contains(name)) {
                array = array.stopGradient();
                array.setRequiresGradient(true);
                leaves.put(name, array);
            }
            HostTensor spec = layout.get(name);
            tensors.put(name, ops.wrap(array, spec.shape(), spec.dtype()));
        }
        return new DjlParameters(ops, Collections.unmodifiableMap(tensors));
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

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        for (DjlProgram program : new ArrayList<>(programs)) {
            program.close();
        }
        closed = true;
        manager.close();
        backend.forget(this);
    }
}
