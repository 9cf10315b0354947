package org.lpa4j.backend.tensorflow;

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
import org.lpa4j.api.tensor.Tensor;
import org.tensorflow.Graph;
import org.tensorflow.Operation;
import org.tensorflow.Output;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.op.OpScope;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One TensorFlow {@link Graph} and one {@link Session} holding the parameters as resource variables. Every program
 * compiled here adds its nodes to that graph once, at compile time, and reads the same variables, so a train step's
 * update is visible to the next run of any program of the store. TensorFlow cannot remove nodes, so the nodes of a
 * closed program stay in the graph until the store closes (a closed train step does release its optimizer state).
 * Closing the store closes its programs, the session and the graph.
 */
public final class TensorFlowVariableStore implements VariableStore {
    private static final Logger LOG = LoggerFactory.getLogger(TensorFlowVariableStore.class);

    /** A parameter's resource variable. */
    record Variable(String name, Output<?> handle, DType dtype, Shape shape) {
    }

    private final TensorFlowBackend backend;
    private final ParameterSet layout;
    private final Graph graph;
    private final Session session;
    private final TensorFlowNodes root;
    private final Map<String, Variable> variables = new LinkedHashMap<>();
    private final Set<String> names;
    private final List<Output<?>> loadPlaceholders = new ArrayList<>();
    private final List<Output<?>> exportReads = new ArrayList<>();
    private final Operation loadOp;
    private final List<TensorFlowProgram> programs = new ArrayList<>();
    private int compiled;
    private volatile boolean closed;

    TensorFlowVariableStore(TensorFlowBackend backend, ParameterSet initial) {
        Objects.requireNonNull(initial, "initial parameters are null");
        CompileChecks.requireFinite(initial);
        this.backend = backend;
        this.layout = initial;
        this.graph = new Graph();
        Session s = null;
        try {
            root = new TensorFlowNodes(new OpScope(graph));
            TensorFlowNodes vars = root.sub("variables");
            List<Operation> assigns = new ArrayList<>();
            for (Map.Entry<String, HostTensor> e : initial.asMap().entrySet()) {
                HostTensor value = e.getValue();
                Output<?> handle = vars.variable(e.getKey(), value.dtype(), value.shape());
                variables.put(e.getKey(), new Variable(e.getKey(), handle, value.dtype(), value.shape()));
                Output<?> placeholder = vars.placeholder(value.dtype(), value.shape());
                loadPlaceholders.add(placeholder);
                assigns.add(vars.assign(handle, placeholder));
                exportReads.add(vars.read(handle, value.dtype()));
            }
            names = Collections.unmodifiableSet(new LinkedHashSet<>(variables.keySet()));
            loadOp = vars.group("load", assigns);
            s = new Session(graph);
            session = s;
            write(initial);
        } catch (RuntimeException | Error e) {
            if (s != null) {
                s.close();
            }
            graph.close();
            throw e;
        }
        LOG.debug("Created a TensorFlow variable store with {} parameters ({} values).", names.size(), initial.parameterCount());
    }

    @Override
    public Set<String> names() {
        return names;
    }

    @Override
    public synchronized ParameterSet export() {
        checkOpen();
        Map<String, HostTensor> out = new LinkedHashMap<>();
        if (exportReads.isEmpty()) {
            return ParameterSet.of(out);
        }
        Session.Runner runner = session.runner();
        exportReads.forEach(runner::fetch);
        try (Result r = runner.run()) {
            int i = 0;
            for (String name : names) {
                out.put(name, TensorFlowHostCopy.toHost(r.get(i++)));
            }
        }
        return ParameterSet.of(out);
    }

    @Override
    public synchronized void load(ParameterSet values) {
        checkOpen();
        Objects.requireNonNull(values, "values are null");
        CompileChecks.requireSameLayout(layout, values);
        write(values);
    }

    /** Assigns every variable in one session run, so either all change or none does. */
    private void write(ParameterSet values) {
        if (variables.isEmpty()) {
            return;
        }
        List<org.tensorflow.Tensor> fed = new ArrayList<>();
        try {
            Session.Runner runner = session.runner();
            int i = 0;
            for (String name : names) {
                org.tensorflow.Tensor t = TensorFlowHostCopy.toNative(values.get(name));
                fed.add(t);
                runner.feed(loadPlaceholders.get(i++), t);
            }
            runner.addTarget(loadOp).run().close();
        } finally {
            fed.forEach(org.tensorflow.Tensor::close);
        }
    }

    @Override
    public synchronized CompiledForward compileForward(List<InputSpec> inputs, ForwardFunction function) {
        checkOpen();
        Objects.requireNonNull(inputs, "input specs are null");
        Objects.requireNonNull(function, "the forward function is null");
        TensorFlowTrace trace = trace("forward", inputs);
        List<Tensor> outputs;
        try {
            outputs = function.apply(trace.ops(), trace, trace.inputs());
        } finally {
            trace.end();
        }
        CompileChecks.requireOutputs(outputs);
        List<Output<?>> fetches = new ArrayList<>();
        for (Tensor t : outputs) {
            fetches.add(trace.own("forward output", t).output());
        }
        return register(new TensorFlowCompiledForward(this, inputs, trace.placeholders(), fetches));
    }

    @Override
    public synchronized CompiledGradient compileGradient(List<InputSpec> inputs, LossFunction loss, Set<String> wrt) {
        checkOpen();
        Objects.requireNonNull(inputs, "input specs are null");
        Objects.requireNonNull(loss, "the loss function is null");
        Set<String> chosen = CompileChecks.orderedSubset("wrt", names, wrt);
        TensorFlowTrace trace = trace("gradient", inputs);
        TensorFlowTensor value = traceLoss(trace, loss);
        Map<String, Output<?>> gradients = gradients(trace, value, chosen);
        Map<String, HostTensor> zeros = new LinkedHashMap<>();
        for (String name : chosen) {
            if (!gradients.containsKey(name)) {
                Variable v = variables.get(name);
                zeros.put(name, HostTensor.zeros(v.dtype(), v.shape()));
            }
        }
        return register(new TensorFlowCompiledGradient(this, inputs, trace.placeholders(), value.output(), gradients, zeros));
    }

    @Override
    public synchronized CompiledTrainStep compileTrainStep(List<InputSpec> inputs, LossFunction loss, Set<String> trainable,
            OptimizerSpec optimizer) {
        checkOpen();
        Objects.requireNonNull(inputs, "input specs are null");
        Objects.requireNonNull(loss, "the loss function is null");
        Objects.requireNonNull(optimizer, "the optimizer is null");
        Set<String> chosen = CompileChecks.orderedSubset("trainable", names, trainable);
        TensorFlowTrace trace = trace("train", inputs);
        TensorFlowTensor value = traceLoss(trace, loss);
        Map<String, Output<?>> gradients = gradients(trace, value, chosen);
        TensorFlowNodes plain = trace.nodes().sub("optimizer");
        Output<?> learningRate = plain.placeholder(DType.FLOAT64, Shape.scalar());
        List<Operation> before = new ArrayList<>();
        before.add(value.output().op());
        gradients.values().forEach(g -> before.add(g.op()));
        List<TensorFlowOptimizers.Target> targets = new ArrayList<>();
        for (String name : chosen) {
            Variable v = variables.get(name);
            targets.add(new TensorFlowOptimizers.Target(name, v.handle(), v.dtype(), v.shape(), gradients.get(name)));
        }
        TensorFlowOptimizers.Update update = TensorFlowOptimizers.build(plain, plain.after(before), optimizer, targets, learningRate);
        runTarget(update.init());
        return register(new TensorFlowCompiledTrainStep(this, inputs, trace.placeholders(), value.output(), learningRate, update));
    }

    private TensorFlowTrace trace(String kind, List<InputSpec> inputs) {
        return new TensorFlowTrace(this, root.sub(kind + "_" + (++compiled)), inputs);
    }

    private static TensorFlowTensor traceLoss(TensorFlowTrace trace, LossFunction loss) {
        Tensor value;
        try {
            value = loss.apply(trace.ops(), trace, trace.inputs());
        } finally {
            trace.end();
        }
        CompileChecks.requireScalarLoss(value);
        return trace.own("loss", value);
    }

    private Map<String, Output<?>> gradients(TensorFlowTrace trace, TensorFlowTensor loss, Set<String> wrt) {
        Map<String, Output<?>> reads = new LinkedHashMap<>();
        for (String name : names) {
            TensorFlowTensor read = trace.reads().get(name);
            if (wrt.contains(name) && read != null) {
                reads.put(name, read.output());
            }
        }
        String prefix = trace.nodes().scope().makeOpName("gradients");
        return TensorFlowGradients.of(graph, prefix, loss.output(), reads);
    }

    private <P extends TensorFlowProgram> P register(P program) {
        programs.add(program);
        return program;
    }

    synchronized void forget(TensorFlowProgram program) {
        programs.remove(program);
    }

    /** Runs {@code target} once (optimizer initialisation and release); does nothing once the store is closed. */
    synchronized void runTarget(Operation target) {
        if (!closed) {
            session.runner().addTarget(target).run().close();
        }
    }

    Variable variable(String name) {
        Variable v = variables.get(name);
        if (v == null) {
            throw CompileChecks.unknownParameter(name, names);
        }
        return v;
    }

    Session session() {
        return session;
    }

    private void checkOpen() {
        if (closed) {
            throw CompileChecks.closed("variable store");
        }
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        for (TensorFlowProgram p : programs) {
            p.closeWithStore();
        }
        programs.clear();
        session.close();
        graph.close();
        backend.forget(this);
    }
}
