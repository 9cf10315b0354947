package org.lpa4j.backend.tensorflow;

import java.util.List;
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
    protected void release() {
        store.runTarget(update.destroy());
    }
}
