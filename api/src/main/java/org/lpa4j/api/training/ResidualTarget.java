package org.lpa4j.api.training;

import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import org.lpa4j.api.data.Metric;
import org.lpa4j.api.data.TensorDataset;
import org.lpa4j.api.model.StackedReadouts;
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
     * The loss of a readout against another readout of the same shape taken as a soft target (self-distillation): the
     * teacher's values for squared error, its softmax for cross-entropy; the teacher receives no gradient.
     */
    Tensor teacherLoss(Ops ops, Tensor readout, Tensor teacher);

    /**
     * The loss of each depth's readout against the same targets, as a vector {@code [k]}: {@code stacked} holds the
     * readouts {@code yhat_1..yhat_k} stacked along the batch axis ({@link
     * org.lpa4j.api.model.ResidualNetwork#stackedReadouts}), and entry {@code l - 1} equals {@code loss(yhat_l, target)}.
     * The built-in targets compute all k at once, a handful of ops whatever k is; this default computes them one by one.
     */
    default Tensor depthLosses(Ops ops, Tensor stacked, int k, Tensor target) {
        return perDepth(ops, stacked, k, readout -> loss(ops, readout, target));
    }

    /**
     * {@link #teacherLoss} of each depth's readout against the same teacher readout {@code [B, ...]}, as a vector
     * {@code [k]}, from the readouts stacked as in {@link #depthLosses}.
     */
    default Tensor depthTeacherLosses(Ops ops, Tensor stacked, int k, Tensor teacher) {
        return perDepth(ops, stacked, k, readout -> teacherLoss(ops, readout, teacher));
    }

    /**
     * {@link #depthTeacherLosses} at a distillation temperature {@code t}: readouts and teacher divided by {@code t}, the
     * losses multiplied by {@code t^2} (Hinton et al.), so a classifier's teacher passes on its softened probabilities;
     * for squared error exactly the losses at {@code t = 1}.
     */
    default Tensor depthTeacherLosses(Ops ops, Tensor stacked, int k, Tensor teacher, double temperature) {
        if (temperature == 1) {
            return depthTeacherLosses(ops, stacked, k, teacher);
        }
        Tensor cool = ops.scalar(1 / temperature, stacked.dtype());
        return ops.mul(ops.scalar(temperature * temperature, stacked.dtype()),
                depthTeacherLosses(ops, ops.mul(stacked, cool), k, ops.mul(teacher, cool)));
    }

    /** {@code loss} of each depth's readout, one by one, as a vector {@code [k]}. */
    private static Tensor perDepth(Ops ops, Tensor stacked, int k, UnaryOperator<Tensor> loss) {
        List<Tensor> losses = new ArrayList<>(k);
        for (int l = 1; l <= k; l++) {
            losses.add(ops.reshape(loss.apply(StackedReadouts.depth(ops, stacked, k, l)), Shape.of(1)));
        }
        return losses.size() == 1 ? losses.get(0) : ops.concat(losses, 0);
    }

    /** The mean over every axis but the first (depth) of {@code perElement [k, ...]}: a vector {@code [k]}. */
    private static Tensor meanPerDepth(Ops ops, Tensor perElement) {
        int[] axes = new int[perElement.shape().rank() - 1];
        for (int i = 0; i < axes.length; i++) {
            axes[i] = i + 1;
        }
        return ops.mean(perElement, axes, false);
    }

    /** Cross-entropy of every depth's logits {@code [k, B, ..., C]} against probabilities {@code [B, ..., C]}: a vector {@code [k]}. */
    private static Tensor crossEntropyPerDepth(Ops ops, Tensor byDepth, Tensor probabilities) {
        Tensor perPosition = ops.sum(ops.mul(probabilities, ops.logSoftmax(byDepth, -1)), new int[] {-1}, false);
        return ops.neg(meanPerDepth(ops, perPosition));
    }

    /** The same loss as {@link #loss}, computed on the host from predictions (for per-depth validation losses). */
    double hostLoss(HostTensor readout, HostTensor target);

    /** The residual target of training data: cross-entropy when its targets are class indices, squared error otherwise. */
    static ResidualTarget of(TensorDataset train) {
        return train.isClassification() ? crossEntropy() : meanSquaredError();
    }

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
            public Tensor teacherLoss(Ops ops, Tensor readout, Tensor teacher) {
                return ops.mseLoss(readout, ops.stopGradient(teacher));
            }

            @Override
            public Tensor depthLosses(Ops ops, Tensor stacked, int k, Tensor target) {
                return meanPerDepth(ops, ops.square(ops.sub(StackedReadouts.byDepth(ops, stacked, k), target)));
            }

            @Override
            public Tensor depthTeacherLosses(Ops ops, Tensor stacked, int k, Tensor teacher) {
                return depthLosses(ops, stacked, k, ops.stopGradient(teacher));
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
            public Tensor teacherLoss(Ops ops, Tensor readout, Tensor teacher) {
                return ops.softmaxCrossEntropyWithProbabilities(readout, ops.softmax(ops.stopGradient(teacher), -1));
            }

            @Override
            public Tensor depthLosses(Ops ops, Tensor stacked, int k, Tensor target) {
                Tensor byDepth = StackedReadouts.byDepth(ops, stacked, k);
                return crossEntropyPerDepth(ops, byDepth, ops.oneHot(target, byDepth.shape().dim(-1), byDepth.dtype()));
            }

            @Override
            public Tensor depthTeacherLosses(Ops ops, Tensor stacked, int k, Tensor teacher) {
                return crossEntropyPerDepth(ops, StackedReadouts.byDepth(ops, stacked, k), ops.softmax(ops.stopGradient(teacher), -1));
            }

            @Override
            public double hostLoss(HostTensor logits, HostTensor labels) {
                return Metric.CROSS_ENTROPY.evaluate(logits, labels);
            }
        };
    }
}
