package org.lpa4j.backend.nd4j;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.nd4j.linalg.api.ndarray.INDArray;
import java.util.Set;
import org.lpa4j.api.compile.InputSpec;
import org.lpa4j.api.compile.LossFunction;
import org.lpa4j.api.compile.OptimizerSpec;
import org.lpa4j.api.spi.AbstractCompiledTrainStep;
import org.lpa4j.api.tensor.HostTensor;

/**
 * A train step: the SameDiff graph gives the loss and the trainable parameters' gradients, then {@link Nd4jOptimizers}
 * updates the store's arrays in place with ND4J ops. Frozen parameters are placeholders of the graph, never written.
 */
final class Nd4jCompiledTrainStep extends AbstractCompiledTrainStep {
    private final Nd4jLossGraph graph;
    private final Nd4jOptimizers.Optimizer optimizer;

    Nd4jCompiledTrainStep(Nd4jVariableStore store, List<InputSpec> specs, LossFunction loss, Set<String> trainable, OptimizerSpec spec) {
        super(store, specs);
        this.graph = new Nd4jLossGraph(store, specs, loss, trainable);
        this.optimizer = Nd4jOptimizers.create(spec, List.copyOf(graph.wrt()), graph.wrt().stream().map(store::array).toList());
    }

    @Override
    protected double execute(List<HostTensor> inputs, double learningRate, long step) {
        double loss = graph.evaluate(inputs);
        try {
            optimizer.step(graph::gradient, step, learningRate);
        } finally {
            graph.clearGradients();
        }
        return loss;
    }

    @Override
    protected Map<String, HostTensor> exportSlots() {
        Map<String, HostTensor> out = new LinkedHashMap<>();
        optimizer.slots().forEach((name, array) -> out.put(name, Nd4jArrays.toHost(array)));
        return out;
    }

    @Override
    protected void importSlots(Map<String, HostTensor> slots, long steps) {
        optimizer.slots().forEach((name, array) -> {
            try (INDArray value = Nd4jArrays.toArray(slots.get(name))) {
                array.assign(value);
            }
        });
    }

    @Override
    protected void release() {
        optimizer.close();
        graph.close();
    }
}
