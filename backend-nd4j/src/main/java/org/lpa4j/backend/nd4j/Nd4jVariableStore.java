package org.lpa4j.backend.nd4j;

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
import org.lpa4j.api.tensor.Shape;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The live parameters of one network: one native {@link INDArray} per parameter, owned by the store. Every program
 * compiled from the store references these very arrays (as SameDiff variables or placeholders), and train steps and
 * {@link #load} write into them in place, so an update is visible to every program at once.
 */
final class Nd4jVariableStore implements VariableStore {
    private final Nd4jBackend backend;
    private final Map<String, INDArray> arrays = new LinkedHashMap<>();
    private final Map<String, HostTensor> layout = new LinkedHashMap<>();
    private final Set<String> names;
    private final List<Nd4jProgram> programs = new ArrayList<>();
    private volatile boolean closed;

    Nd4jVariableStore(Nd4jBackend backend, ParameterSet initial) {
        this.backend = backend;
        for (Map.Entry<String, HostTensor> e : initial.asMap().entrySet()) {
            arrays.put(e.getKey(), Nd4jArrays.toArray(e.getValue()));
            layout.put(e.getKey(), e.getValue());
        }
        this.names = Collections.unmodifiableSet(new LinkedHashSet<>(arrays.keySet()));
    }

    @Override
    public Set<String> names() {
        return names;
    }

    boolean isClosed() {
        return closed;
    }

    INDArray array(String name) {
        return arrays.get(name);
    }

    Shape shape(String name) {
        return layout.get(name).shape();
    }

    DType dtype(String name) {
        return layout.get(name).dtype();
    }

    private void requireOpen() {
        if (closed) {
            throw CompileChecks.closed("variable store");
        }
    }

    @Override
    public synchronized ParameterSet export() {
        requireOpen();
        Map<String, HostTensor> out = new LinkedHashMap<>();
        arrays.forEach((name, array) -> out.put(name, Nd4jArrays.toHost(array)));
        return ParameterSet.of(out);
    }

    @Override
    public synchronized void load(ParameterSet values) {
        requireOpen();
        Objects.requireNonNull(values, "values are null");
        CompileChecks.requireSameLayout(ParameterSet.of(layout), values);
        // Everything is checked before the first write, so a failure changes nothing.
        for (String name : names) {
            try (INDArray incoming = Nd4jArrays.toArray(values.get(name))) {
                arrays.get(name).assign(incoming);
            }
        }
    }

    @Override
    public synchronized CompiledForward compileForward(List<InputSpec> inputs, ForwardFunction function) {
        requireOpen();
        Objects.requireNonNull(function, "function is null");
        List<InputSpec> specs = CompileChecks.inputSpecs(inputs);
        Nd4jTrace trace = new Nd4jTrace(this, specs, Set.of());
        List<String> outputs = trace.traceForward(function);
        return register(new Nd4jCompiledForward(this, specs, trace, outputs));
    }

    @Override
    public synchronized CompiledGradient compileGradient(List<InputSpec> inputs, LossFunction loss, Set<String> wrt) {
        requireOpen();
        Objects.requireNonNull(loss, "loss is null");
        Set<String> chosen = CompileChecks.orderedSubset("wrt", names, wrt);
        List<InputSpec> specs = CompileChecks.inputSpecs(inputs);
        Nd4jTrace trace = new Nd4jTrace(this, specs, chosen);
        String lossName = trace.traceLoss(loss);
        return register(new Nd4jCompiledGradient(this, specs, trace, lossName, chosen));
    }

    @Override
    public synchronized CompiledTrainStep compileTrainStep(List<InputSpec> inputs, LossFunction loss, Set<String> trainable,
                                                           OptimizerSpec optimizer) {
        requireOpen();
        Objects.requireNonNull(loss, "loss is null");
        Objects.requireNonNull(optimizer, "optimizer is null");
        Set<String> chosen = CompileChecks.orderedSubset("trainable", names, trainable);
        List<InputSpec> specs = CompileChecks.inputSpecs(inputs);
        Nd4jTrace trace = new Nd4jTrace(this, specs, chosen);
        String lossName = trace.traceLoss(loss);
        return register(new Nd4jCompiledTrainStep(this, specs, trace, lossName, chosen, optimizer));
    }

    private <T extends Nd4jProgram> T register(T program) {
        programs.add(program);
        return program;
    }

    /** Called by a program's {@code close()}. */
    synchronized void forget(Nd4jProgram program) {
        programs.remove(program);
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        for (Nd4jProgram p : programs) {
            p.closeWithStore();
        }
        programs.clear();
        for (INDArray a : arrays.values()) {
            a.close();
        }
        backend.forget(this);
    }
}
