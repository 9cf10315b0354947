package org.lpa4j.backend.djl;

import ai.djl.ndarray.NDManager;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.lpa4j.api.compile.InputSpec;
import org.lpa4j.api.compile.LossFunction;
import org.lpa4j.api.compile.OptimizerSpec;
import org.lpa4j.api.spi.AbstractCompiledTrainStep;
import org.lpa4j.api.tensor.HostTensor;

/**
 * A train step: the loss and its gradients for the trainable parameters, then one native optimizer update of those
 * parameters in place in the store. Frozen parameters are read, never written; the optimizer state is this program's own.
 */
final class DjlCompiledTrainStep extends AbstractCompiledTrainStep {
    private final DjlVariableStore store;
    private final DjlGradients gradients;
    private final DjlOptimizers.Optimizer optimizer;

    DjlCompiledTrainStep(DjlVariableStore store, List<InputSpec> specs, LossFunction loss, Set<String> trainable,
                         OptimizerSpec spec) {
        super(store, specs);
        this.store = store;
        this.gradients = new DjlGradients(store, specs, loss, trainable);
        this.optimizer = DjlOptimizers.create(spec, store, trainable);
    }

    @Override
    protected double execute(List<HostTensor> inputs, double learningRate, long step) {
        return gradients.run(inputs, (name, grad) -> optimizer.update(name, store.value(name), grad, learningRate, step));
    }

    @Override
    protected Map<String, HostTensor> exportSlots() {
        Map<String, HostTensor> out = new LinkedHashMap<>();
        optimizer.slots().forEach((name, array) -> out.put(name, DjlArrays.toHost(array, store.dtype(name.substring(name.indexOf('/') + 1)))));
        return out;
    }

    @Override
    protected void importSlots(Map<String, HostTensor> slots, long steps) {
        try (NDManager scratch = store.manager().newSubManager()) {
            optimizer.slots().forEach((name, array) -> DjlArrays.toArray(scratch, slots.get(name)).copyTo(array));
        }
    }

    @Override
    protected void release() {
        optimizer.close();
    }
}
