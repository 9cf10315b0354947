package org.lpa4j.backend.tensorflow;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.lpa4j.api.compile.InputSpec;
import org.lpa4j.api.spi.AbstractCompiledTrainStep;
import org.lpa4j.api.tensor.DType;
import org.lpa4j.api.tensor.HostTensor;
import org.tensorflow.Output;
import org.tensorflow.Result;

/**
 * A train step: one session run feeds the batch and the learning rate, fetches the loss and runs the grouped
 * optimizer update, which has a control dependency on the loss and every gradient, so the loss returned is the one
 * before the update. Its optimizer state lives in its own resource variables, destroyed on {@link #close()}.
 */
final class TensorFlowCompiledTrainStep extends AbstractCompiledTrainStep {
    private final TensorFlowVariableStore store;
    private final TensorFlowRun run;
    private final List<Output<?>> fetches;
    private final Output<?> learningRate;
    private final TensorFlowOptimizers.Update update;

    TensorFlowCompiledTrainStep(TensorFlowVariableStore store, List<InputSpec> specs, TensorFlowRun run,
            Output<?> loss, Output<?> learningRate, TensorFlowOptimizers.Update update) {
        super(store, specs);
        this.store = store;
        this.run = run;
        this.fetches = List.of(loss);
        this.learningRate = learningRate;
        this.update = update;
    }

    @Override
    protected double execute(List<HostTensor> inputs, double learningRate, long step) {
        HostTensor lr = HostTensor.scalar(DType.FLOAT64, learningRate);
        try (Result r = run.run(inputs, fetches, update.step(), this.learningRate, lr)) {
            return TensorFlowHostCopy.scalar(r.get(0));
        }
    }

    @Override
    protected Map<String, HostTensor> exportSlots() {
        List<TensorFlowOptimizers.Slot> exported = update.slots().stream().filter(s -> s.name() != null).toList();
        List<HostTensor> values = store.fetch(exported.stream().<Output<?>>map(TensorFlowOptimizers.Slot::read).toList());
        Map<String, HostTensor> out = new LinkedHashMap<>();
        for (int i = 0; i < exported.size(); i++) {
            out.put(exported.get(i).name(), values.get(i));
        }
        return out;
    }

    @Override
    protected void importSlots(Map<String, HostTensor> slots, long steps) {
        List<Output<?>> feeds = new ArrayList<>();
        List<HostTensor> values = new ArrayList<>();
        for (TensorFlowOptimizers.Slot s : update.slots()) {
            feeds.add(s.feed());
            values.add(s.name() == null ? HostTensor.scalar(DType.FLOAT64, steps) : slots.get(s.name()));
        }
        if (!feeds.isEmpty()) {
            store.runTarget(update.load(), feeds, values);
        }
    }

    @Override
    protected void release() {
        store.runTarget(update.destroy());
    }
}
