package org.lpa4j.trainers.lpa;

import java.util.List;
import java.util.Objects;
import org.lpa4j.api.compile.InputSpec;
import org.lpa4j.api.compile.LossFunction;
import org.lpa4j.api.model.ResidualNetwork;
import org.lpa4j.api.tensor.DType;
import org.lpa4j.api.tensor.HostTensor;
import org.lpa4j.api.tensor.Shape;
import org.lpa4j.api.tensor.Tensor;
import org.lpa4j.api.training.ResidualTarget;
import org.lpa4j.trainers.AbstractProgressiveTrainer;

/**
 * Layer-wise progressive approximation: the loss is {@code sum_l w_l loss(yhat_l, y)} over every depth, in the
 * {@link LpaForm#JOINT joint} or {@link LpaForm#LAYER_LOCAL layer-local} form, so each block is aligned with its
 * residual target and the error falls with depth. The depth weights are an input of the compiled step, so adaptive
 * weights change without recompiling.
 */
public final class LpaTrainer extends AbstractProgressiveTrainer {
    /** Smoothing of the adaptive weights' running mean: {@code m = (1 - RATE) m + RATE loss}. */
    private static final double RUNNING_MEAN_RATE = 0.3;

    private final LpaForm form;
    private final DepthWeighting weighting;
    private double[] runningLoss;

    public LpaTrainer(LpaForm form, DepthWeighting weighting) {
        this.form = Objects.requireNonNull(form, "form is null");
        this.weighting = Objects.requireNonNull(weighting, "weighting is null");
    }

    @Override
    public String name() {
        return "lpa";
    }

    public LpaForm form() {
        return form;
    }

    public DepthWeighting weighting() {
        return weighting;
    }

    @Override
    protected void reset(ResidualNetwork network) {
        runningLoss = null;
    }

    @Override
    protected LossFunction loss(ResidualNetwork network, ResidualTarget target) {
        boolean local = form == LpaForm.LAYER_LOCAL;
        return (ops, p, in) -> {
            List<Tensor> readouts = network.readouts(ops, p, in.get(0), network.depth(), local);
            Tensor weights = in.get(2);
            Tensor total = null;
            for (int l = 1; l <= readouts.size(); l++) {
                Tensor w = ops.sum(ops.slice(weights, 0, l - 1, 1), new int[0], false);
                Tensor term = ops.mul(w, target.loss(ops, readouts.get(l - 1), in.get(1)));
                total = total == null ? term : ops.add(total, term);
            }
            return total;
        };
    }

    @Override
    protected List<InputSpec> extraInputs(ResidualNetwork network, DType dtype) {
        return List.of(InputSpec.fixed("depthWeights", dtype, network.depth()));
    }

    @Override
    protected List<HostTensor> extraValues(ResidualNetwork network, DType dtype) {
        return List.of(HostTensor.fromDoubles(dtype, Shape.of(network.depth()), weights(network.depth())));
    }

    /** The current depth weights, summing to 1. */
    double[] weights(int depth) {
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
        double sum = java.util.Arrays.stream(w).sum();
        for (int i = 0; i < depth; i++) {
            w[i] /= sum;
        }
        return w;
    }

    @Override
    protected void afterEpoch(double[] validationLossPerDepth) {
        if (runningLoss == null) {
            runningLoss = validationLossPerDepth.clone();
        } else {
            for (int i = 0; i < runningLoss.length; i++) {
                runningLoss[i] = (1 - RUNNING_MEAN_RATE) * runningLoss[i] + RUNNING_MEAN_RATE * validationLossPerDepth[i];
            }
        }
    }
}
