package org.lpa4j.backend.tensorflow;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.lpa4j.api.compile.CompileChecks;
import org.lpa4j.api.compile.ForwardFunction;
import org.lpa4j.api.compile.InputSpec;
import org.lpa4j.api.compile.LossFunction;
import org.lpa4j.api.compile.OptimizerSpec;
import org.lpa4j.api.params.ParameterSet;
import org.lpa4j.api.spi.AbstractCompiledForward;
import org.lpa4j.api.spi.AbstractCompiledGradient;
import org.lpa4j.api.spi.AbstractCompiledTrainStep;
import org.lpa4j.api.spi.AbstractResidentTensor;
import org.lpa4j.api.spi.SharedResource;
import org.lpa4j.api.spi.AbstractVariableStore;
import org.lpa4j.api.spi.RowSelection;
import org.lpa4j.api.tensor.DType;
import org.lpa4j.api.tensor.HostTensor;
import org.lpa4j.api.tensor.Shape;
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
final class TensorFlowVariableStore extends AbstractVariableStore {
    private static final Logger LOG = LoggerFactory.getLogger(TensorFlowVariableStore.class);

    /** A parameter's resource variable. */
    record Variable(String name, Output<?> handle, DType dtype, Shape shape) {
    }

    private final Graph graph;
    private final Session session;
    private final TensorFlowNodes root;
    private final Map<String, Variable> variables = new LinkedHashMap<>();
    private final List<Output<?>> loadPlaceholders = new ArrayList<>();
    private final List<Output<?>> exportReads = new ArrayList<>();
    private final Operation loadOp;
    private int compiled;
    private final Map<String, Selection> selections = new java.util.HashMap<>();

    TensorFlowVariableStore(TensorFlowBackend backend, ParameterSet initial) {
        super(backend, initial);
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
            loadOp = vars.group("load", assigns);
            s = new Session(graph, backend.sessionConfig());
            session = s;
            loadValues(initial);
        } catch (RuntimeException | Error e) {
            if (s != null) {
                s.close();
            }
            graph.close();
            throw e;
        }
        LOG.debug("Created a TensorFlow variable store with {} parameters ({} values).", variables.size(), initial.parameterCount());
    }

    @Override
    protected ParameterSet exportValues() {
        Map<String, HostTensor> out = new LinkedHashMap<>();
        if (exportReads.isEmpty()) {
            return ParameterSet.of(out);
        }
        Session.Runner runner = session.runner();
        exportReads.forEach(runner::fetch);
        try (Result r = runner.run()) {
            int i = 0;
            for (String name : names()) {
                out.put(name, TensorFlowHostCopy.toHost(r.get(i++)));
            }
        }
        return ParameterSet.of(out);
    }

    /** Assigns every variable in one session run, so either all change or none does. */
    @Override
    protected void loadValues(ParameterSet values) {
        if (variables.isEmpty()) {
            return;
        }
        List<org.tensorflow.Tensor> fed = new ArrayList<>();
        try {
            Session.Runner runner = session.runner();
            int i = 0;
            for (String name : names()) {
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
    protected AbstractCompiledForward newForward(List<InputSpec> specs, ForwardFunction function) {
        TensorFlowTrace trace = trace("forward", specs);
        List<Output<?>> outputs = trace.forward(function);
        return new TensorFlowCompiledForward(this, specs, run("forward program", trace), outputs);
    }

    @Override
    protected AbstractCompiledGradient newGradient(List<InputSpec> specs, LossFunction loss, Set<String> wrt) {
        TensorFlowTrace trace = trace("gradient", specs);
        Output<?> value = trace.loss(loss);
        Map<String, Output<?>> gradients = gradients(trace, value, wrt);
        return new TensorFlowCompiledGradient(this, specs, wrt, run("gradient program", trace), value, gradients);
    }

    @Override
    protected AbstractCompiledTrainStep newTrainStep(List<InputSpec> specs, LossFunction loss, Set<String> trainable,
            OptimizerSpec optimizer) {
        TensorFlowTrace trace = trace("train", specs);
        Output<?> value = trace.loss(loss);
        Map<String, Output<?>> gradients = gradients(trace, value, trainable);
        TensorFlowNodes plain = trace.nodes().sub("optimizer");
        Output<?> learningRate = plain.placeholder(DType.FLOAT64, Shape.scalar());
        List<Operation> before = new ArrayList<>();
        before.add(value.op());
        gradients.values().forEach(g -> before.add(g.op()));
        List<TensorFlowOptimizers.Target> targets = new ArrayList<>();
        for (String name : trainable) {
            Variable v = variables.get(name);
            targets.add(new TensorFlowOptimizers.Target(name, v.handle(), v.dtype(), v.shape(), gradients.get(name)));
        }
        TensorFlowOptimizers.Update update = TensorFlowOptimizers.build(plain, plain.after(before), optimizer, targets, learningRate);
        runTarget(update.init());
        return new TensorFlowCompiledTrainStep(this, specs, run("train step", trace), value, learningRate, update);
    }

    /** A copy of {@code value} as a native tensor. */
    @Override
    protected AbstractResidentTensor newResident(HostTensor value) {
        return new TensorFlowResident(this, TensorFlowHostCopy.toNative(value), null);
    }

    /** Floating rows are selected by a gather program in the store's graph (one per shape), the result staying native. */
    @Override
    protected AbstractResidentTensor selectRowsOf(AbstractResidentTensor t, int[] rows) {
        if (!t.dtype().isFloating()) {
            return super.selectRowsOf(t, rows);
        }
        int[] tail = Arrays.copyOfRange(t.shape().dims(), 1, t.shape().rank());
        Selection selection = selections.computeIfAbsent(t.dtype() + Arrays.toString(tail), key -> {
            TensorFlowTrace trace = trace("select_rows", RowSelection.inputs("x", "rows", t.dtype(), tail));
            return new Selection(run("row selection", trace), trace.forward(RowSelection.function(tail)));
        });
        try (org.tensorflow.Tensor index = TensorFlowHostCopy.toNative(HostTensor.ofInts(Shape.of(rows.length), rows))) {
            return residents(this, selection.run().runNative(List.of(((TensorFlowResident) t).tensor(), index), selection.outputs()), 1).get(0);
        }
    }

    /** The first {@code n} outputs of {@code result} as resident tensors sharing it. */
    static List<AbstractResidentTensor> residents(AbstractVariableStore store, Result result, int n) {
        SharedResource shared = new SharedResource(result, n);
        List<AbstractResidentTensor> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            out.add(new TensorFlowResident(store, result.get(i), shared));
        }
        return out;
    }

    /** A compiled row selection. */
    private record Selection(TensorFlowRun run, List<Output<?>> outputs) {
    }

    private TensorFlowTrace trace(String kind, List<InputSpec> inputs) {
        return new TensorFlowTrace(this, root.sub(kind + "_" + (++compiled)), inputs);
    }

    private TensorFlowRun run(String kind, TensorFlowTrace trace) {
        return new TensorFlowRun(session, kind, trace.placeholders());
    }

    private Map<String, Output<?>> gradients(TensorFlowTrace trace, Output<?> loss, Set<String> wrt) {
        String prefix = trace.nodes().scope().makeOpName("gradients");
        return TensorFlowGradients.of(graph, prefix, loss, trace.reads(wrt));
    }

    /** The values of {@code outputs}, fetched in one session run; the caller holds the store's lock. */
    List<HostTensor> fetch(List<Output<?>> outputs) {
        List<HostTensor> out = new ArrayList<>();
        if (outputs.isEmpty()) {
            return out;
        }
        Session.Runner runner = session.runner();
        outputs.forEach(runner::fetch);
        try (Result r = runner.run()) {
            for (int i = 0; i < outputs.size(); i++) {
                out.add(TensorFlowHostCopy.toHost(r.get(i)));
            }
        }
        return out;
    }

    /** Feeds {@code values} to {@code placeholders} and runs {@code target} once; the caller holds the store's lock. */
    void runTarget(Operation target, List<Output<?>> placeholders, List<HostTensor> values) {
        List<org.tensorflow.Tensor> fed = new ArrayList<>();
        try {
            Session.Runner runner = session.runner();
            for (int i = 0; i < placeholders.size(); i++) {
                org.tensorflow.Tensor t = TensorFlowHostCopy.toNative(values.get(i));
                fed.add(t);
                runner.feed(placeholders.get(i), t);
            }
            runner.addTarget(target).run().close();
        } finally {
            fed.forEach(org.tensorflow.Tensor::close);
        }
    }

    /** Runs {@code target} once (optimizer initialisation and release); the caller holds the store's lock. */
    void runTarget(Operation target) {
        session.runner().addTarget(target).run().close();
    }

    Variable variable(String name) {
        Variable v = variables.get(name);
        if (v == null) {
            throw CompileChecks.unknownParameter(name, names());
        }
        return v;
    }

    @Override
    protected void release() {
        session.close();
        graph.close();
    }
}
