package org.lpa4j.backend.djl;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.lpa4j.api.compile.CompiledGradient;
import org.lpa4j.api.compile.GradientResult;
import org.lpa4j.api.compile.InputSpec;
import org.lpa4j.api.compile.LossFunction;
import org.lpa4j.api.tensor.HostTensor;

/** A program returning the loss and its gradients with respect to chosen parameters, leaving every parameter unchanged. */
final class DjlCompiledGradient extends DjlProgram implements CompiledGradient {
    private final LossFunction loss;
    private final Set<String> wrt;

    DjlCompiledGradient(DjlVariableStore store, List<InputSpec> specs, LossFunction loss, Set<String> wrt) {
        super(store, specs, "compiled gradient program");
        this.loss = loss;
        this.wrt = wrt;
    }

    @Override
    public GradientResult run(List<HostTensor> inputs) {
        DjlBackend.GRADIENT_LOCK.lock();
        try {
            synchronized (store) {
                checkRun(inputs);
                Map<String, HostTensor> gradients = new LinkedHashMap<>();
                double value = DjlGradients.run(store, specs, inputs, staging, loss, wrt,
                        (name, grad) -> gradients.put(name, DjlArrays.toHost(grad, store.dtype(name))));
                return new GradientResult(value, gradients);
            }
        } finally {
            DjlBackend.GRADIENT_LOCK.unlock();
        }
    }
}
