package org.lpa4j.backend.tensorflow;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.lpa4j.api.compile.CompiledGradient;
import org.lpa4j.api.compile.GradientResult;
import org.lpa4j.api.compile.InputSpec;
import org.lpa4j.api.tensor.HostTensor;
import org.tensorflow.Output;
import org.tensorflow.Result;

/**
 * A loss-and-gradients program: one session run fetches the loss and the symbolic gradients; parameters the loss
 * does not depend on get host zeros without touching the engine.
 */
public final class TensorFlowCompiledGradient extends TensorFlowProgram implements CompiledGradient {
    private final List<Output<?>> fetches = new ArrayList<>();
    private final List<String> gradientNames = new ArrayList<>();
    private final Map<String, HostTensor> zeros = new LinkedHashMap<>();

    TensorFlowCompiledGradient(TensorFlowVariableStore store, List<InputSpec> specs, List<Output<?>> placeholders, Output<?> loss,
            Map<String, Output<?>> gradients, Map<String, HostTensor> zeros) {
        super(store, "gradient program", specs, placeholders);
        fetches.add(loss);
        gradients.forEach((name, g) -> {
            gradientNames.add(name);
            fetches.add(g);
        });
        this.zeros.putAll(zeros);
    }

    @Override
    public GradientResult run(List<HostTensor> inputs) {
        try (Result r = execute(inputs, fetches, null, null, null)) {
            double loss = TensorFlowHostCopy.scalar(r.get(0));
            Map<String, HostTensor> grads = new LinkedHashMap<>(zeros);
            for (int i = 0; i < gradientNames.size(); i++) {
                grads.put(gradientNames.get(i), TensorFlowHostCopy.toHost(r.get(i + 1)));
            }
            return new GradientResult(loss, grads);
        }
    }
}
