package org.lpa4j.api.ops;

import java.util.List;
import org.lpa4j.api.tensor.DType;
import org.lpa4j.api.tensor.HostTensor;
import org.lpa4j.api.tensor.Shape;
import org.lpa4j.api.tensor.ShapeInference;
import org.lpa4j.api.tensor.Tensor;

/**
 * The differentiable operations a traced function may use. The abstract methods are the primitives every
 * backend MUST implement (with gradients); the default methods are composites written on the primitives,
 * which a backend MAY override with a faster native op of exactly the same semantics.
 *
 * <p>Conventions: row-major layout; images are NCHW; binary element-wise ops broadcast like NumPy; a
 * negative axis counts from the end; every op checks its operands with {@link ShapeInference} and throws
 * {@link org.lpa4j.api.tensor.ShapeMismatchException} naming the op and the shapes. Both operands of a
 * binary op must have the same element type. Tensors must come from this same {@code Ops} instance: a
 * tensor from another function, another program or another backend is rejected.
 */
public interface Ops {

    // ---------------------------------------------------------------- primitives

    /** A constant tensor holding {@code value}; it receives no gradient. */
    Tensor constant(HostTensor value);

    /** Element-wise {@code a + b}, broadcasting. */
    Tensor add(Tensor a, Tensor b);

    /** Element-wise {@code a - b}, broadcasting. */
    Tensor sub(Tensor a, Tensor b);

    /** Element-wise {@code a * b}, broadcasting. */
    Tensor mul(Tensor a, Tensor b);

    /** Element-wise {@code a / b}, broadcasting (IEEE semantics for division by zero). */
    Tensor div(Tensor a, Tensor b);

    /** Element-wise {@code e^x}. */
    Tensor exp(Tensor x);

    /** Element-wise natural logarithm ({@code -inf} at 0, NaN below). */
    Tensor log(Tensor x);

    /** Element-wise square root. */
    Tensor sqrt(Tensor x);

    /** Element-wise {@code max(x, 0)}; its gradient at exactly 0 is 0. */
    Tensor relu(Tensor x);

    /** Element-wise hyperbolic tangent. */
    Tensor tanh(Tensor x);

    /** Element-wise sine (radians). */
    Tensor sin(Tensor x);

    /** Batched matrix product {@code [..., m, k] x [..., k, n] -> [..., m, n]}: equal ranks, equal leading dimensions. */
    Tensor matmul(Tensor a, Tensor b);

    /** The same values in row-major order under {@code shape}; one dimension may be -1 and is inferred. */
    Tensor reshape(Tensor x, Shape shape);

    /** Permutes axes: output axis {@code i} is input axis {@code perm[i]}. */
    Tensor transpose(Tensor x, int... perm);

    /** Concatenates along {@code axis}; all other dimensions must be equal. */
    Tensor concat(List<Tensor> xs, int axis);

    /** Elements {@code [start, start + length)} of {@code axis}, all of every other axis. */
    Tensor slice(Tensor x, int axis, int start, int length);

    /**
     * Embedding lookup: {@code table [V, D]} and INT32 {@code indices} of shape S give {@code S + [D]}, row
     * {@code indices[s]} of the table at each position. Indices must lie in {@code [0, V)}; the gradient
     * flows to the table only.
     */
    Tensor gather(Tensor table, Tensor indices);

    /** Sum over {@code axes} (all axes when none are given); reduced axes are kept with size 1 when {@code keepDims}. */
    Tensor sum(Tensor x, int[] axes, boolean keepDims);

    /** Arithmetic mean over {@code axes} (all when none are given); works on the run-time batch axis too. */
    Tensor mean(Tensor x, int[] axes, boolean keepDims);

    /** Maximum over {@code axes} (all when none are given); the gradient flows to the maximal element (ties: backend-defined). */
    Tensor max(Tensor x, int[] axes, boolean keepDims);

    /**
     * 2-D cross-correlation (no kernel flip), NCHW: {@code x [N, C, H, W]}, {@code kernel [O, C, kh, kw]}, zero
     * padding of {@code padH}/{@code padW} on each side, giving {@code [N, O, H', W']} with
     * {@code H' = (H + 2 padH - kh) / strideH + 1}.
     */
    Tensor conv2d(Tensor x, Tensor kernel, int strideH, int strideW, int padH, int padW);

    /** Max pooling, NCHW, no padding: windows {@code kernelH x kernelW} every {@code strideH, strideW}. */
    Tensor maxPool2d(Tensor x, int kernelH, int kernelW, int strideH, int strideW);

    /** Average pooling, NCHW, no padding (every window is full, so each average has {@code kernelH * kernelW} terms). */
    Tensor avgPool2d(Tensor x, int kernelH, int kernelW, int strideH, int strideW);

    /** The same value with no gradient flowing back through it. */
    Tensor stopGradient(Tensor x);

    /** One-hot encoding of INT32 {@code indices} into {@code S + [depth]} of type {@code dtype}; not differentiable. */
    Tensor oneHot(Tensor indices, int depth, DType dtype);

    /** Converts the element type (to INT32: truncation toward zero); the gradient of a floating cast is converted back. */
    Tensor cast(Tensor x, DType dtype);

    // ---------------------------------------------------------------- composites

    /** A rank-0 constant. */
    default Tensor scalar(double value, DType dtype) {
        return constant(HostTensor.scalar(dtype, value));
    }

    /** {@code -x}. */
    default Tensor neg(Tensor x) {
        return scale(x, -1.0);
    }

    /** {@code c * x} for a Java constant {@code c}. */
    default Tensor scale(Tensor x, double c) {
        return mul(x, scalar(c, x.dtype()));
    }

    /** {@code x * x}. */
    default Tensor square(Tensor x) {
        return mul(x, x);
    }

    /** Logistic sigmoid, computed as {@code 0.5 (1 + tanh(x / 2))} so it never overflows. */
    default Tensor sigmoid(Tensor x) {
        Tensor half = scalar(0.5, x.dtype());
        return mul(half, add(scalar(1.0, x.dtype()), tanh(mul(half, x))));
    }

    /** GELU, tanh form: {@code 0.5 x (1 + tanh(sqrt(2/pi) (x + 0.044715 x^3)))} (PyTorch {@code approximate='tanh'}). */
    default Tensor gelu(Tensor x) {
        DType t = x.dtype();
        Tensor cube = mul(square(x), x);
        Tensor inner = scale(add(x, scale(cube, 0.044715)), Math.sqrt(2.0 / Math.PI));
        return mul(scale(x, 0.5), add(scalar(1.0, t), tanh(inner)));
    }

    /** Log-softmax on {@code axis}: {@code x - m - log(sum(exp(x - m)))} with the stop-gradient maximum {@code m}. */
    default Tensor logSoftmax(Tensor x, int axis) {
        int[] ax = {axis};
        Tensor shifted = sub(x, stopGradient(max(x, ax, true)));
        return sub(shifted, log(sum(exp(shifted), ax, true)));
    }

    /** Softmax on {@code axis}: {@code exp(x - m) / sum(exp(x - m))} with the stop-gradient maximum {@code m}. */
    default Tensor softmax(Tensor x, int axis) {
        int[] ax = {axis};
        Tensor e = exp(sub(x, stopGradient(max(x, ax, true))));
        return div(e, sum(e, ax, true));
    }

    /**
     * Layer normalisation over the last axis: {@code (x - mean) / sqrt(var + eps) * gamma + beta}, with the
     * biased variance, and {@code gamma}, {@code beta} of shape {@code [D]}.
     */
    default Tensor layerNorm(Tensor x, Tensor gamma, Tensor beta, double eps) {
        int[] last = {-1};
        Tensor centered = sub(x, mean(x, last, true));
        Tensor variance = mean(square(centered), last, true);
        Tensor normalized = div(centered, sqrt(add(variance, scalar(eps, x.dtype()))));
        return add(mul(normalized, gamma), beta);
    }

    /** Global average pooling, NCHW {@code [N, C, H, W] -> [N, C]}. */
    default Tensor globalAvgPool2d(Tensor x) {
        return mean(x, new int[] {2, 3}, false);
    }

    /** Mean squared error over all elements: {@code mean((prediction - target)^2)}, a scalar. */
    default Tensor mseLoss(Tensor prediction, Tensor target) {
        return mean(square(sub(prediction, target)), new int[0], false);
    }

    /**
     * Cross-entropy of {@code logits [..., C]} against INT32 class indices {@code labels [...]}, averaged over
     * all positions: {@code -mean(logSoftmax(logits)[label])}, a scalar.
     */
    default Tensor softmaxCrossEntropy(Tensor logits, Tensor labels) {
        Tensor oneHot = oneHot(labels, logits.shape().dim(-1), logits.dtype());
        return softmaxCrossEntropyWithProbabilities(logits, oneHot);
    }

    /**
     * Cross-entropy of {@code logits [..., C]} against target probabilities of the same shape, averaged over
     * all positions: {@code -mean(sum(p * logSoftmax(logits), -1))}, a scalar.
     */
    default Tensor softmaxCrossEntropyWithProbabilities(Tensor logits, Tensor probabilities) {
        Tensor perPosition = sum(mul(probabilities, logSoftmax(logits, -1)), new int[] {-1}, false);
        return neg(mean(perPosition, new int[0], false));
    }

    /**
     * The additive causal attention mask {@code [t, t]}: 0 where key {@code j <= } query {@code i}, and
     * {@link #MASKED} (a large negative number, so softmax gives exactly 0) where {@code j > i}.
     */
    default Tensor causalMask(int t, DType dtype) {
        double[] mask = new double[t * t];
        for (int i = 0; i < t; i++) {
            for (int j = i + 1; j < t; j++) {
                mask[i * t + j] = MASKED;
            }
        }
        return constant(HostTensor.fromDoubles(dtype, Shape.of(t, t), mask));
    }

    /** The value {@link #causalMask} puts on masked positions. */
    double MASKED = -1e9;
}
