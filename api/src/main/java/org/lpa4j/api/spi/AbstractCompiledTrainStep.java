package org.lpa4j.api.spi;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.lpa4j.api.Lpa4jException;
import org.lpa4j.api.compile.CompileChecks;
import org.lpa4j.api.compile.CompiledTrainStep;
import org.lpa4j.api.compile.InputSpec;
import org.lpa4j.api.compile.OptimizerState;
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

    @Override
    public final OptimizerState exportState() {
        synchronized (lock()) {
            checkRun(null);
            return new OptimizerState(steps, exportSlots());
        }
    }

    @Override
    public final void importState(OptimizerState state) {
        Objects.requireNonNull(state, "state is null");
        synchronized (lock()) {
            checkRun(null);
            Map<String, HostTensor> current = exportSlots();
            for (Map.Entry<String, HostTensor> e : current.entrySet()) {
                HostTensor given = state.slots().get(e.getKey());
                if (given == null || !given.shape().equals(e.getValue().shape()) || given.dtype() != e.getValue().dtype()) {
                    throw new Lpa4jException("The optimizer state given does not fit this train step: slot '" + e.getKey() + "' is "
                            + (given == null ? "missing" : given.dtype() + " " + given.shape()) + " where the step holds " + e.getValue().dtype()
                            + " " + e.getValue().shape() + ". Import the state of a step with the same trainable parameters and optimizer.");
                }
            }
            if (!current.keySet().containsAll(state.slots().keySet())) {
                throw new Lpa4jException("The optimizer state given has slots this train step does not hold " + state.slots().keySet()
                        .stream().filter(k -> !current.containsKey(k)).toList() + "; import the state of a step with the same trainable"
                        + " parameters and optimizer.");
            }
            importSlots(state.slots(), state.steps());
            steps = state.steps();
        }
    }

    /** Every optimizer state tensor, copied to the host, by its {@link OptimizerState} name; called under the lock. */
    protected abstract Map<String, HostTensor> exportSlots();

    /** Overwrites every state tensor with {@code slots} (already checked to fit) after {@code steps} updates; called under the lock. */
    protected abstract void importSlots(Map<String, HostTensor> slots, long steps);

    /** Applies update number {@code step} (1, 2, ...) at {@code learningRate} and returns the loss before it. */
    protected abstract double execute(List<HostTensor> inputs, double learningRate, long step);
}
