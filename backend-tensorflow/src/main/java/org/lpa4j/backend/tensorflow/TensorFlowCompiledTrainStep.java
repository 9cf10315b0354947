package org.lpa4j.backend.tensorflow;

import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.lpa4j.api.Lpa4jException;
import org.lpa4j.api.compile.CompiledTrainStep;
import org.lpa4j.api.compile.InputSpec;
import org.lpa4j.api.tensor.DType;
import org.lpa4j.api.tensor.HostTensor;
import org.tensorflow.Output;
import org.tensorflow.Result;

/**
 * A train step: one session run feeds the batch and the learning rate, fetches the loss and runs the grouped
 * optimizer update, which has a control dependency on the loss and every gradient, so the loss returned is the one
 * before the update. Its optimizer state lives in its own resource variables, destroyed on {@link #close()}.
 */
public final class TensorFlowCompiledTrainStep extends TensorFlowProgram implements CompiledTrainStep {
    private final List<Output<?>> fetches;
    private final Output<?> learningRate;
    private final TensorFlowOptimizers.Update update;
    private final AtomicLong steps = new AtomicLong();

    TensorFlowCompiledTrainStep(TensorFlowVariableStore store, List<InputSpec> specs, List<Output<?>> placeholders, Output<?> loss,
            Output<?> learningRate, TensorFlowOptimizers.Update update) {
        super(store, "train step", specs, placeholders);
        this.fetches = List.of(loss);
        this.learningRate = learningRate;
        this.update = update;
    }

    @Override
    public double run(List<HostTensor> inputs, double learningRate) {
        if (!Double.isFinite(learningRate)) {
            throw new Lpa4jException("The learning rate is " + learningRate + "; pass a finite learning rate to the train step.");
        }
        HostTensor lr = HostTensor.scalar(DType.FLOAT64, learningRate);
        double value;
        try (Result r = execute(inputs, fetches, update.step(), this.learningRate, lr)) {
            value = TensorFlowHostCopy.scalar(r.get(0));
        }
        steps.incrementAndGet();
        return value;
    }

    @Override
    public long stepCount() {
        return steps.get();
    }

    @Override
    void release() {
        store().runTarget(update.destroy());
    }
}
