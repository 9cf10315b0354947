package org.lpa4j.trainers.lpa;

import java.util.Arrays;
import java.util.List;
import org.lpa4j.api.compile.InputSpec;
import org.lpa4j.api.model.ResidualNetwork;
import org.lpa4j.api.ops.Ops;
import org.lpa4j.api.params.Parameters;
import org.lpa4j.api.tensor.DType;
import org.lpa4j.api.tensor.HostTensor;
import org.lpa4j.api.tensor.Shape;
import org.lpa4j.api.tensor.Tensor;
import org.lpa4j.api.training.ResidualTarget;
import org.lpa4j.trainers.AbstractProgressiveTrainer;
import org.lpa4j.trainers.DepthObjective;
import org.lpa4j.trainers.StepInputs;

/**
 * One LPA run's loss and its state: the depth weights are an input of the compiled step (named
 * {@value #DEPTH_WEIGHTS}), so adaptive weights follow the running mean of each depth's validation loss without
 * recompiling.
 */
final class LpaObjective implements DepthObjective {
    /** The name of the step input that holds the depth weights. */
    static final String DEPTH_WEIGHTS = "depthWeights";
    /** Smoothing of the adaptive weights' running mean: {@code m = (1 - RATE) m + RATE loss}. */
    private static final double RUNNING_MEAN_RATE = 0.3;

    private final ResidualNetwork network;
    private final ResidualTarget target;
    private final DType dtype;
    private final LpaForm form;
    private final DepthWeighting weighting;
    private double[] runningLoss;

    LpaObjective(ResidualNetwork network, ResidualTarget target, DType dtype, LpaForm form, DepthWeighting weighting) {
        this.network = network;
        this.target = target;
        this.dtype = dtype;
        this.form = form;
        this.weighting = weighting;
    }

    @Override
    public Tensor loss(Ops ops, Parameters params, StepInputs in) {
        // Every depth's readout in one stacked tensor (the head runs once), every depth's loss in one vector, one weighted
        // sum: a few ops whatever the depth, where a head, a loss, a weight and a sum per depth made LPA's step several
        // times the ops of E2E's on small networks.
        Tensor stacked = network.stackedReadouts(ops, params, in.get(AbstractProgressiveTrainer.INPUT), network.depth(),
                form == LpaForm.LAYER_LOCAL);
        Tensor losses = target.depthLosses(ops, stacked, network.depth(), in.get(AbstractProgressiveTrainer.TARGET));
        return ops.sum(ops.mul(in.get(DEPTH_WEIGHTS), losses), new int[0], false);
    }

    @Override
    public List<InputSpec> extraInputs() {
        return List.of(InputSpec.fixed(DEPTH_WEIGHTS, dtype, network.depth()));
    }

    @Override
    public List<HostTensor> extraValues() {
        return List.of(HostTensor.fromDoubles(dtype, Shape.of(network.depth()), weights()));
    }

    /** The current depth weights, summing to 1. */
    double[] weights() {
        int depth = network.depth();
        double[] w = new double[depth];
        for (int l = 1; l <= depth; l++) {
            switch (weighting) {
                case INCREASING:
                    w[l - 1] = l;
                    break;
                case ADAPTIVE:
                    w[l - 1] = runningLoss == null ? 1 : 1.0 / Math.max(runningLoss[l - 1], 1e-12);
                    break;
                default:
                    w[l - 1] = 1;
            }
        }
        double sum = Arrays.stream(w).sum();
        for (int i = 0; i < depth; i++) {
            w[i] /= sum;
        }
        return w;
    }

    @Override
    public void afterEpoch(double[] validationLossPerDepth) {
        if (runningLoss == null) {
            runningLoss = validationLossPerDepth.clone();
        } else {
            for (int i = 0; i < runningLoss.length; i++) {
                runningLoss[i] = (1 - RUNNING_MEAN_RATE) * runningLoss[i] + RUNNING_MEAN_RATE * validationLossPerDepth[i];
            }
        }
    }
}
