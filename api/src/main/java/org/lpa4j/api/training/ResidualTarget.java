package org.lpa4j.api.training;

import java.util.ArrayList;
import java.util.Arrays;
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
     * The loss of each depth's readout against the same targets, as a vector {@code [k]}: {@code stacked} holds the
     * readouts {@code yhat_1..yhat_k} stacked along the batch axis ({@link
     * org.lpa4j.api.model.ResidualNetwork#stackedReadouts}), and entry {@code l - 1} equals {@code loss(yhat_l, target)}.
     * The built-in targets compute all k at once, a handful of ops whatever k is; this default computes them one by one.
     */
    default Tensor depthLosses(Ops ops, Tensor stacked, int k, Tensor target) {
        Tensor byDepth = byDepth(ops, stacked, k);
        int[] readoutDims = byDepth.shape().dims();
        readoutDims = Arrays.copyOfRange(readoutDims, 1, readoutDims.length);
        List<Tensor> losses = new ArrayList<>(k);
        for (int l = 0; l < k; l++) {
            Tensor readout = ops.reshape(ops.slice(byDepth, 0, l, 1), Shape.of(readoutDims));
            losses.add(ops.reshape(loss(ops, readout, target), Shape.of(1)));
        }
        return losses.size() == 1 ? losses.get(0) : ops.concat(losses, 0);
    }

    /**
     * Readouts stacked along the batch axis, {@code [k * B, ...]}, as {@code [k, B, ...]}: depth on the first axis, so
     * that an elementwise loss against targets {@code [B, ...]} broadcasts over the depths.
     */
    private static Tensor byDepth(Ops ops, Tensor stacked, int k) {
        int[] dims = stacked.shape().dims();
        int[] byDepth = new int[dims.length + 1];
        byDepth[0] = k;
        byDepth[1] = Shape.UNKNOWN;
        System.arraycopy(dims, 1, byDepth, 2, dims.length - 1);
        return ops.reshape(stacked, Shape.of(byDepth));
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
            public Tensor depthLosses(Ops ops, Tensor stacked, int k, Tensor target) {
                Tensor byDepth = byDepth(ops, stacked, k);
                return ops.mean(ops.square(ops.sub(byDepth, target)), allButDepthAxis(byDepth.shape().rank()), false);
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
            public Tensor depthLosses(Ops ops, Tensor stacked, int k, Tensor target) {
                Tensor byDepth = byDepth(ops, stacked, k);
                Tensor oneHot = ops.oneHot(target, byDepth.shape().dim(-1), byDepth.dtype());
                Tensor perPosition = ops.sum(ops.mul(oneHot, ops.logSoftmax(byDepth, -1)), new int[] {-1}, false);
                return ops.neg(ops.mean(perPosition, allButDepthAxis(perPosition.shape().rank()), false));
            }

            @Override
            public double hostLoss(HostTensor logits, HostTensor labels) {
                return Metric.CROSS_ENTROPY.evaluate(logits, labels);
            }
        };
    }
}
