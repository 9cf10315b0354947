package org.lpa4j.backend.tensorflow;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.lpa4j.api.compile.CompileChecks;
import org.lpa4j.api.compile.InputSpec;
import org.lpa4j.api.params.Parameters;
import org.lpa4j.api.tensor.Tensor;
import org.tensorflow.Output;

/**
 * One tracing of a user function into the store's graph: a placeholder per input (unknown batch kept unknown), a
 * {@code ReadVariableOp} per parameter the function asks for (created on first use), and the {@link TensorFlowOps}
 * the function builds with. {@link #end()} closes the trace for good.
 */
final class TensorFlowTrace implements Parameters {
    private final TensorFlowVariableStore store;
    private final TensorFlowNodes nodes;
    private final TensorFlowOps ops;
    private final List<Output<?>> placeholders = new ArrayList<>();
    private final List<Tensor> inputs = new ArrayList<>();
    private final Map<String, TensorFlowTensor> reads = new LinkedHashMap<>();

    TensorFlowTrace(TensorFlowVariableStore store, TensorFlowNodes nodes, List<InputSpec> specs) {
        this.store = store;
        this.nodes = nodes;
        this.ops = new TensorFlowOps(nodes);
        TensorFlowNodes in = nodes.sub("inputs");
        for (InputSpec spec : specs) {
            java.util.Objects.requireNonNull(spec, "an input spec is null");
            Output<?> p = in.placeholder(spec.dtype(), spec.shape());
            placeholders.add(p);
            inputs.add(ops.wrap(p, spec.shape(), spec.dtype()));
        }
    }

    TensorFlowOps ops() {
        return ops;
    }

    TensorFlowNodes nodes() {
        return nodes;
    }

    List<Tensor> inputs() {
        return Collections.unmodifiableList(inputs);
    }

    List<Output<?>> placeholders() {
        return placeholders;
    }

    /** The read nodes this trace created, by parameter name. */
    Map<String, TensorFlowTensor> reads() {
        return reads;
    }

    void end() {
        ops.end();
    }

    /** {@code t} as a tensor of this trace ({@code what} names the role in the error). */
    TensorFlowTensor own(String what, Tensor t) {
        if (!(t instanceof TensorFlowTensor tf) || tf.owner() != ops) {
            throw CompileChecks.foreignTensor(what, t);
        }
        return tf;
    }

    @Override
    public Tensor get(String name) {
        ops.checkActive("Parameters.get");
        TensorFlowTensor cached = reads.get(name);
        if (cached != null) {
            return cached;
        }
        TensorFlowVariableStore.Variable v = store.variable(name);
        TensorFlowTensor read = ops.wrap(nodes.read(v.handle(), v.dtype()), v.shape(), v.dtype());
        reads.put(name, read);
        return read;
    }

    @Override
    public Set<String> names() {
        return store.names();
    }
}
