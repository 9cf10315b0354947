package org.lpa4j.api.training;

import org.lpa4j.api.data.Metric;
import org.lpa4j.api.ops.Ops;
import org.lpa4j.api.tensor.HostTensor;
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
            public Tensor teacherLoss(Ops ops, Tensor readout, Tensor teacher) {
                return ops.mseLoss(readout, ops.stopGradient(teacher));
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
            public double hostLoss(HostTensor logits, HostTensor labels) {
                return Metric.CROSS_ENTROPY.evaluate(logits, labels);
            }
        };
    }
}
