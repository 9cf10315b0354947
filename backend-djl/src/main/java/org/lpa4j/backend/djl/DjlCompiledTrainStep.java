package org.lpa4j.backend.djl;

import java.util.List;
import java.util.Set;
import org.lpa4j.api.Lpa4jException;
import org.lpa4j.api.compile.CompiledTrainStep;
import org.lpa4j.api.compile.InputSpec;
import org.lpa4j.api.compile.LossFunction;
import org.lpa4j.api.compile.OptimizerSpec;
import org.lpa4j.api.tensor.HostTensor;

/**
 * A train step: the loss and its gradients for the trainable parameters, then one native optimizer update of those
 * parameters in place in the store. Frozen parameters are read, never written; the optimizer state is this program's own.
 */
final class DjlCompiledTrainStep extends DjlProgram implements CompiledTrainStep {
    private final LossFunction loss;
    private final Set<String> trainable;
    private final DjlOptimizers.Optimizer optimizer;
    private long steps;

    DjlCompiledTrainStep(DjlVariableStore store, List<InputSpec> specs, LossFunction loss, Set<String> trainable,
                         OptimizerSpec spec) {
        super(store, specs, "compiled train step");
        this.loss = loss;
        this.trainable = trainable;
        this.optimizer = DjlOptimizers.create(spec, store, trainable);
    }

    @Override
    public double run(List<HostTensor> inputs, double learningRate) {
        if (!Double.isFinite(learningRate) || learningRate < 0) {
            throw new Lpa4jException("The learning rate must be a finite number >= 0, but is " + learningRate + ".");
        }
        DjlBackend.GRADIENT_LOCK.lock();
        try {
            synchronized (store) {
                checkRun(inputs);
                long t = steps + 1;
                double value = DjlGradients.run(store, specs, inputs, staging, loss, trainable,
                        (name, grad) -> optimizer.update(name, store.value(name), grad, learningRate, t));
                steps = t;
                return value;
            }
        } finally {
            DjlBackend.GRADIENT_LOCK.unlock();
        }
    }

    @Override
    public long stepCount() {
        synchronized (store) {
            return steps;
        }
    }

    @Override
    protected void release() {
        optimizer.close();
    }
}
