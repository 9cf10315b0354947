package org.lpa4j.api.training;

import java.util.ArrayList;
import java.util.List;
import org.lpa4j.api.data.Metric;
import org.lpa4j.api.ops.Ops;
import org.lpa4j.api.tensor.HostTensor;
import org.lpa4j.api.tensor.Shape;
import org.lpa4j.api.tensor.Tensor;

/**
 * What block l is asked to fit: the part of the target that the readouts up to depth l-1 left over, and the loss
 * of a readout against the target. For MSE the residual is {@code r_l = y - sg(yhat_{l-1})}, and with a linear head
 * the layer-local loss of depth l is exactly {@code ||head(f_l) - r_l||^2}; for cross-entropy the residual lives in
 * logit space, {@code r_l = onehot(y) - softmax(sg(z_{l-1}))}, the direction that lowers the loss fastest.
 */
public interface ResidualTarget {

    /** A short name: {@code mse} or {@code cross-entropy}. */
    String name();

    /** The loss of one readout against the targets, a scalar. */
    Tensor loss(Ops ops, Tensor readout, Tensor target);

    /**
     * The loss of each of the readouts {@code yhat_1..yhat_k} against the same targets, as a vector {@code [k]} whose
     * entry {@code l - 1} equals {@code loss(readouts.get(l - 1), target)}. The built-in targets compute all k at once
     * on the readouts stacked along the batch axis, a handful of ops whatever k is; this default computes them one by one.
     */
    default Tensor depthLosses(Ops ops, List<Tensor> readouts, Tensor target) {
        List<Tensor> losses = new ArrayList<>(readouts.size());
        for (Tensor readout : readouts) {
            losses.add(ops.reshape(loss(ops, readout, target), Shape.of(1)));
        }
        return losses.size() == 1 ? losses.get(0) : ops.concat(losses, 0);
    }

    /**
     * The readouts {@code [B, ...]} stacked into one tensor {@code [k, B, ...]}: depth on the first axis, so that an
     * elementwise loss against targets {@code [B, ...]} broadcasts over the depths.
     */
    private static Tensor stackByDepth(Ops ops, List<Tensor> readouts) {
        Tensor rows = readouts.size() == 1 ? readouts.get(0) : ops.concat(readouts, 0);
        int[] dims = readouts.get(0).shape().dims();
        int[] stacked = new int[dims.length + 1];
        stacked[0] = readouts.size();
        stacked[1] = Shape.UNKNOWN;
        System.arraycopy(dims, 1, stacked, 2, dims.length - 1);
        return ops.reshape(rows, Shape.of(stacked));
    }

    /** Every axis of a rank-{@code rank} tensor but the first: the axes a per-depth mean reduces. */
    private static int[] allButDepthAxis(int rank) {
        int[] axes = new int[rank - 1];
        for (int i = 0; i < axes.length; i++) {
            axes[i] = i + 1;
        }
        return axes;
    }

    /** The same loss as {@link #loss}, computed on the host from predictions (for per-depth validation losses). */
    double hostLoss(HostTensor readout, HostTensor target);

    /** Squared error, for regression targets of the readout's shape. */
    static ResidualTarget meanSquaredError() {
        return new ResidualTarget() {
            @Override
            public String name() {
                return "mse";
            }

            @Override
            public Tensor loss(Ops ops, Tensor readout, Tensor target) {
                return ops.mseLoss(readout, target);
            }

            @Override
            public Tensor depthLosses(Ops ops, List<Tensor> readouts, Tensor target) {
                Tensor stacked = stackByDepth(ops, readouts);
                return ops.mean(ops.square(ops.sub(stacked, target)), allButDepthAxis(stacked.shape().rank()), false);
            }

            @Override
            public double hostLoss(HostTensor readout, HostTensor target) {
                double s = 0;
                for (int i = 0; i < target.size(); i++) {
                    double d = readout.getDouble(i) - target.getDouble(i);
                    s += d * d;
                }
                return s / target.size();
            }
        };
    }

    /** Softmax cross-entropy against INT32 class indices, in logit space. */
    static ResidualTarget crossEntropy() {
        return new ResidualTarget() {
            @Override
            public String name() {
                return "cross-entropy";
            }

            @Override
            public Tensor loss(Ops ops, Tensor readout, Tensor target) {
                return ops.softmaxCrossEntropy(readout, target);
            }

            @Override
            public Tensor depthLosses(Ops ops, List<Tensor> readouts, Tensor target) {
                Tensor stacked = stackByDepth(ops, readouts);
                Tensor oneHot = ops.oneHot(target, stacked.shape().dim(-1), stacked.dtype());
                Tensor perPosition = ops.sum(ops.mul(oneHot, ops.logSoftmax(stacked, -1)), new int[] {-1}, false);
                return ops.neg(ops.mean(perPosition, allButDepthAxis(perPosition.shape().rank()), false));
            }

            @Override
            public double hostLoss(HostTensor logits, HostTensor labels) {
                return Metric.CROSS_ENTROPY.evaluate(logits, labels);
            }
        };
    }
}
