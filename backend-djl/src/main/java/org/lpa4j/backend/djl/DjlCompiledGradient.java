package org.lpa4j.backend.djl;

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
final class DjlCompiledGradient extends AbstractCompiledGradient {
    private final DjlVariableStore store;
    private final DjlGradients gradients;

    DjlCompiledGradient(DjlVariableStore store, List<InputSpec> specs, LossFunction loss, Set<String> wrt) {
        super(store, specs);
        this.store = store;
        this.gradients = new DjlGradients(store, specs, loss, wrt);
    }

    @Override
    protected GradientResult execute(List<HostTensor> inputs) {
        Map<String, HostTensor> host = new LinkedHashMap<>();
        double value = gradients.run(inputs, (name, grad) -> host.put(name, DjlArrays.toHost(grad, store.dtype(name))));
        return new GradientResult(value, host);
    }
}
