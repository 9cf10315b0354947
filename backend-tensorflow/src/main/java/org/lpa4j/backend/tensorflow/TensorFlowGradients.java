package org.lpa4j.backend.tensorflow;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.tensorflow.Graph;
import org.tensorflow.GraphOperation;
import org.tensorflow.Operand;
import org.tensorflow.Output;

/**
 * Symbolic gradients with {@code Graph.addGradients} (the C API's gradient builder). That builder fails on a
 * variable the loss does not depend on, so the reachability is computed here first (stopping at
 * {@code StopGradient}); unreachable parameters get no gradient node and the caller uses zeros.
 */
final class TensorFlowGradients {
    private TensorFlowGradients() {
    }

    /** The gradient of {@code loss} for each reachable read in {@code reads}; absent names have a zero gradient. */
    static Map<String, Output<?>> of(Graph graph, String prefix, Output<?> loss, Map<String, Output<?>> reads) {
        Set<GraphOperation> upstream = upstream(loss);
        List<String> names = new ArrayList<>();
        List<Output<?>> xs = new ArrayList<>();
        for (Map.Entry<String, Output<?>> e : reads.entrySet()) {
            if (upstream.contains((GraphOperation) e.getValue().op())) {
                names.add(e.getKey());
                xs.add(e.getValue());
            }
        }
        Map<String, Output<?>> out = new LinkedHashMap<>();
        if (xs.isEmpty()) {
            return out;
        }
        Output<?>[] grads = graph.addGradients(prefix, new Output<?>[] {loss}, xs.toArray(new Output<?>[0]), null);
        for (int i = 0; i < grads.length; i++) {
            if (grads[i] != null) {
                out.put(names.get(i), grads[i]);
            }
        }
        return out;
    }

    /** The operations whose outputs flow into {@code y} through differentiable edges. */
    private static Set<GraphOperation> upstream(Output<?> y) {
        Set<GraphOperation> seen = new HashSet<>();
        Deque<GraphOperation> todo = new ArrayDeque<>();
        GraphOperation start = (GraphOperation) y.op();
        seen.add(start);
        todo.add(start);
        while (!todo.isEmpty()) {
            GraphOperation op = todo.poll();
            if (op.type().equals("StopGradient")) {
                continue;
            }
            for (Operand<?> in : op.inputs()) {
                GraphOperation producer = (GraphOperation) in.op();
                if (seen.add(producer)) {
                    todo.add(producer);
                }
            }
        }
        return seen;
    }
}
