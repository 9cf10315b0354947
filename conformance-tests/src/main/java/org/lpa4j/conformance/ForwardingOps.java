package org.lpa4j.conformance;

import org.lpa4j.api.ops.Ops;
import org.lpa4j.api.tensor.DType;
import org.lpa4j.api.tensor.Tensor;

/**
 * An {@link Ops} that forwards every operation, primitives and composites, to another {@code Ops}: the base for
 * decorators (a logging Ops, or the deliberately broken backend the suite's own tests use). Override what you change.
 */
public class ForwardingOps extends PrimitiveOnlyOps {

    /** Wraps {@code delegate}, the backend's {@code Ops} of the current trace. */
    public ForwardingOps(Ops delegate) {
        super(delegate);
    }

    @Override
    public Tensor scalar(double value, DType dtype) {
        return delegate().scalar(value, dtype);
    }

    @Override
    public Tensor neg(Tensor x) {
        return delegate().neg(x);
    }

    @Override
    public Tensor scale(Tensor x, double c) {
        return delegate().scale(x, c);
    }

    @Override
    public Tensor square(Tensor x) {
        return delegate().square(x);
    }

    @Override
    public Tensor sigmoid(Tensor x) {
        return delegate().sigmoid(x);
    }

    @Override
    public Tensor gelu(Tensor x) {
        return delegate().gelu(x);
    }

    @Override
    public Tensor logSoftmax(Tensor x, int axis) {
        return delegate().logSoftmax(x, axis);
    }

    @Override
    public Tensor softmax(Tensor x, int axis) {
        return delegate().softmax(x, axis);
    }

    @Override
    public Tensor layerNorm(Tensor x, Tensor gamma, Tensor beta, double eps) {
        return delegate().layerNorm(x, gamma, beta, eps);
    }

    @Override
    public Tensor globalAvgPool2d(Tensor x) {
        return delegate().globalAvgPool2d(x);
    }

    @Override
    public Tensor mseLoss(Tensor prediction, Tensor target) {
        return delegate().mseLoss(prediction, target);
    }

    @Override
    public Tensor softmaxCrossEntropy(Tensor logits, Tensor labels) {
        return delegate().softmaxCrossEntropy(logits, labels);
    }

    @Override
    public Tensor softmaxCrossEntropyWithProbabilities(Tensor logits, Tensor probabilities) {
        return delegate().softmaxCrossEntropyWithProbabilities(logits, probabilities);
    }

    @Override
    public Tensor causalMask(int t, DType dtype) {
        return delegate().causalMask(t, dtype);
    }
}
