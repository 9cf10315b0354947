package org.lpa4j.backend.nd4j;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.lpa4j.api.compile.GradientResult;
import org.lpa4j.api.compile.InputSpec;
import org.lpa4j.api.compile.LossFunction;
import org.lpa4j.api.spi.AbstractCompiledGradient;
import org.lpa4j.api.tensor.HostTensor;

/** A program returning the loss and its gradients with respect to chosen parameters, leaving every parameter unchanged. */
final class Nd4jCompiledGradient extends AbstractCompiledGradient {
    private final Nd4jLossGraph graph;

    Nd4jCompiledGradient(Nd4jVariableStore store, List<InputSpec> specs, LossFunction loss, Set<String> wrt) {
        super(store, specs);
        this.graph = new Nd4jLossGraph(store, specs, loss, wrt);
    }

    @Override
    protected GradientResult execute(List<HostTensor> inputs) {
        double loss = graph.evaluate(inputs);
        Map<String, HostTensor> gradients = new LinkedHashMap<>();
        for (int i = 0; i < graph.wrt().size(); i++) {
            gradients.put(graph.wrt().get(i), Nd4jArrays.toHost(graph.gradient(i)));
        }
        graph.clearGradients();
        return new GradientResult(loss, gradients);
    }

    @Override
    protected void release() {
        graph.close();
    }
}
