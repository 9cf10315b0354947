package org.lpa4j.backend.nd4j;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.lpa4j.api.compile.CompiledGradient;
import org.lpa4j.api.compile.GradientResult;
import org.lpa4j.api.compile.InputSpec;
import org.lpa4j.api.tensor.HostTensor;

/** A program returning the loss and its gradients with respect to chosen parameters, leaving every parameter unchanged. */
final class Nd4jCompiledGradient extends Nd4jLossProgram implements CompiledGradient {

    Nd4jCompiledGradient(Nd4jVariableStore store, List<InputSpec> specs, Nd4jTrace trace, String lossName, Set<String> wrt) {
        super(store, specs, trace, lossName, wrt, "compiled gradient program");
    }

    @Override
    public GradientResult run(List<HostTensor> inputs) {
        synchronized (store) {
            double loss = evaluate(inputs);
            Map<String, HostTensor> gradients = new LinkedHashMap<>();
            for (int i = 0; i < wrt.size(); i++) {
                gradients.put(wrt.get(i), Nd4jArrays.toHost(gradient(i)));
            }
            clearGradients();
            return new GradientResult(loss, gradients);
        }
    }
}
