package org.lpa4j.api.spi;

import java.util.List;
import org.lpa4j.api.compile.CompileChecks;
import org.lpa4j.api.compile.CompiledTrainStep;
import org.lpa4j.api.compile.InputSpec;
import org.lpa4j.api.tensor.HostTensor;

/**
 * A train step: {@link #run} checks the learning rate and the inputs, locks, lets the backend's {@link #execute} apply
 * one update, and counts the steps; a rejected call changes nothing and does not count.
 */
public abstract class AbstractCompiledTrainStep extends AbstractProgram implements CompiledTrainStep {
    private long steps;

    protected AbstractCompiledTrainStep(AbstractVariableStore store, List<InputSpec> specs) {
        super(store, "train step", specs);
    }

    @Override
    public final double run(List<HostTensor> inputs, double learningRate) {
        CompileChecks.requireLearningRate(learningRate);
        synchronized (lock()) {
            checkRun(inputs);
            double loss = execute(inputs, learningRate, steps + 1);
            steps++;
            return loss;
        }
    }

    @Override
    public final long stepCount() {
        synchronized (lock()) {
            return steps;
        }
    }

    /** Applies update number {@code step} (1, 2, ...) at {@code learningRate} and returns the loss before it. */
    protected abstract double execute(List<HostTensor> inputs, double learningRate, long step);
}
