package org.lpa4j.backend.tensorflow;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.lpa4j.api.compile.ForwardFunction;
import org.lpa4j.api.compile.InputSpec;
import org.lpa4j.api.compile.LossFunction;
import org.lpa4j.api.spi.BackendTensor;
import org.lpa4j.api.spi.TraceParameters;
import org.lpa4j.api.tensor.Tensor;
import org.tensorflow.Output;

/**
 * One tracing of a user function into the store's graph: a placeholder per input (unknown batch kept unknown), a
 * {@code ReadVariableOp} per parameter the function asks for (created on first use), and the {@link TensorFlowOps}
 * the function builds with; the trace ends when the function returns.
 */
final class TensorFlowTrace {
    private final TensorFlowNodes nodes;
    private final TensorFlowOps ops;
    private final List<Output<?>> placeholders = new ArrayList<>();
    private final List<Tensor> inputs = new ArrayList<>();
    private final TraceParameters<Output<?>> parameters;

    TensorFlowTrace(TensorFlowVariableStore store, TensorFlowNodes nodes, List<InputSpec> specs) {
        this.nodes = nodes;
        this.ops = new TensorFlowOps(nodes);
        this.parameters = new TraceParameters<>(ops, store.layout(), name -> {
            TensorFlowVariableStore.Variable v = store.variable(name);
            return nodes.read(v.handle(), v.dtype());
        });
        TensorFlowNodes in = nodes.sub("inputs");
        for (InputSpec spec : specs) {
            Output<?> p = in.placeholder(spec.dtype(), spec.shape());
            placeholders.add(p);
            inputs.add(ops.wrap(p, spec.shape(), spec.dtype()));
        }
    }

    TensorFlowNodes nodes() {
        return nodes;
    }

    List<Output<?>> placeholders() {
        return placeholders;
    }

    /**
     * Traces {@code function} and returns its output nodes; an input returned as it is goes through an identity node,
     * since a session refuses to fetch a placeholder it is fed.
     */
    List<Output<?>> forward(ForwardFunction function) {
        return ops.callForward(function, parameters, Collections.unmodifiableList(inputs)).stream()
                .<Output<?>>map(BackendTensor::node).map(o -> placeholders.contains(o) ? nodes.op("Identity", o) : o).toList();
    }

    /** Traces {@code loss} and returns its scalar node. */
    Output<?> loss(LossFunction loss) {
        return ops.callLoss(loss, parameters, Collections.unmodifiableList(inputs)).node();
    }

    /** The read nodes of the parameters in {@code wrt} that the function used, in {@code wrt}'s order. */
    Map<String, Output<?>> reads(Set<String> wrt) {
        Map<String, Output<?>> out = new LinkedHashMap<>();
        for (String name : wrt) {
            BackendTensor<Output<?>> read = parameters.read().get(name);
            if (read != null) {
                out.put(name, read.node());
            }
        }
        return out;
    }
}
