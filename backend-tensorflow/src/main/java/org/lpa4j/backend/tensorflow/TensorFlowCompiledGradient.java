package org.lpa4j.backend.tensorflow;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.lpa4j.api.compile.GradientResult;
import org.lpa4j.api.compile.InputSpec;
import org.lpa4j.api.spi.AbstractCompiledGradient;
import org.lpa4j.api.tensor.HostTensor;
import org.tensorflow.Output;
import org.tensorflow.Result;

/**
 * A loss-and-gradients program: one session run fetches the loss and the symbolic gradients; parameters the loss
 * does not depend on get host zeros without touching the engine.
 */
final class TensorFlowCompiledGradient extends AbstractCompiledGradient {
    private final TensorFlowRun run;
    private final List<Output<?>> fetches = new ArrayList<>();
    private final List<String> gradientNames = new ArrayList<>();
    private final Map<String, HostTensor> zeros = new LinkedHashMap<>();

    TensorFlowCompiledGradient(TensorFlowVariableStore store, List<InputSpec> specs, Set<String> wrt, TensorFlowRun run,
            Output<?> loss, Map<String, Output<?>> gradients) {
        super(store, specs);
        this.run = run;
        fetches.add(loss);
        for (String name : wrt) {
            Output<?> g = gradients.get(name);
            if (g == null) {
                HostTensor layout = store.layout().get(name);
                zeros.put(name, HostTensor.zeros(layout.dtype(), layout.shape()));
            } else {
                gradientNames.add(name);
                fetches.add(g);
            }
        }
    }

    @Override
    protected GradientResult execute(List<HostTensor> inputs) {
        try (Result r = run.run(inputs, fetches, null, null, null)) {
            double loss = TensorFlowHostCopy.scalar(r.get(0));
            Map<String, HostTensor> grads = new LinkedHashMap<>(zeros);
            for (int i = 0; i < gradientNames.size(); i++) {
                grads.put(gradientNames.get(i), TensorFlowHostCopy.toHost(r.get(i + 1)));
            }
            return new GradientResult(loss, grads);
        }
    }
}
