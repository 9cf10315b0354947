package org.lpa4j.backend.nd4j;

import java.util.List;
import java.util.Set;
import org.lpa4j.api.Lpa4jException;
import org.lpa4j.api.compile.CompiledTrainStep;
import org.lpa4j.api.compile.InputSpec;
import org.lpa4j.api.compile.OptimizerSpec;
import org.lpa4j.api.tensor.HostTensor;

/**
 * A train step: the SameDiff graph gives the loss and the trainable parameters' gradients, then {@link Nd4jOptimizers}
 * updates the store's arrays in place with ND4J ops. Frozen parameters are placeholders of the graph, never written.
 */
final class Nd4jCompiledTrainStep extends Nd4jLossProgram implements CompiledTrainStep {
    private final Nd4jOptimizers.Optimizer optimizer;
    private long steps;

    Nd4jCompiledTrainStep(Nd4jVariableStore store, List<InputSpec> specs, Nd4jTrace trace, String lossName, Set<String> trainable,
                          OptimizerSpec spec) {
        super(store, specs, trace, lossName, trainable, "compiled train step");
        this.optimizer = Nd4jOptimizers.create(spec, wrt.stream().map(store::array).toList());
    }

    @Override
    public double run(List<HostTensor> inputs, double learningRate) {
        if (!Double.isFinite(learningRate) || learningRate < 0) {
            throw new Lpa4jException("The learning rate " + learningRate + " is not a finite non-negative number; pass e.g. 1e-3.");
        }
        synchronized (store) {
            double loss = evaluate(inputs);
            try {
                optimizer.step(this::gradient, steps + 1, learningRate);
                steps++;
            } finally {
                clearGradients();
            }
            return loss;
        }
    }

    @Override
    public long stepCount() {
        return steps;
    }

    @Override
    protected void release() {
        optimizer.close();
    }
}
