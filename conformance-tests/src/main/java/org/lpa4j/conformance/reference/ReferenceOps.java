package org.lpa4j.conformance.reference;

import java.util.List;
import java.util.function.DoubleBinaryOperator;
import java.util.function.DoubleUnaryOperator;
import org.lpa4j.api.ops.Ops;
import org.lpa4j.api.tensor.DType;
import org.lpa4j.api.tensor.HostTensor;
import org.lpa4j.api.tensor.Shape;
import org.lpa4j.api.tensor.ShapeInference;

/**
 * The plain-Java reference of every {@link Ops} operation, computed in double precision on host tensors with
 * the semantics stated in {@code Ops}' javadoc; results are FLOAT64 (INT32 where the op is integer-valued).
 */
public final class ReferenceOps {
    private ReferenceOps() {
    }

    // ---------------------------------------------------------------- element-wise

    /** {@code a + b}, NumPy broadcasting. */
    public static HostTensor add(HostTensor a, HostTensor b) {
        return binary("add", a, b, Double::sum);
    }

    /** {@code a - b}, NumPy broadcasting. */
    public static HostTensor sub(HostTensor a, HostTensor b) {
        return binary("sub", a, b, (x, y) -> x - y);
    }

    /** {@code a * b}, NumPy broadcasting. */
    public static HostTensor mul(HostTensor a, HostTensor b) {
        return binary("mul", a, b, (x, y) -> x * y);
    }

    /** {@code a / b}, NumPy broadcasting, IEEE division. */
    public static HostTensor div(HostTensor a, HostTensor b) {
        return binary("div", a, b, (x, y) -> x / y);
    }

    public static HostTensor exp(HostTensor x) {
        return map(x, Math::exp);
    }

    public static HostTensor log(HostTensor x) {
        return map(x, Math::log);
    }

    public static HostTensor sqrt(HostTensor x) {
        return map(x, Math::sqrt);
    }

    public static HostTensor relu(HostTensor x) {
        return map(x, v -> v > 0 ? v : 0.0);
    }

    public static HostTensor tanh(HostTensor x) {
        return map(x, Math::tanh);
    }

    public static HostTensor sin(HostTensor x) {
        return map(x, Math::sin);
    }

    public static HostTensor neg(HostTensor x) {
        return map(x, v -> -v);
    }

    public static HostTensor scale(HostTensor x, double c) {
        return map(x, v -> c * v);
    }

    public static HostTensor square(HostTensor x) {
        return map(x, v -> v * v);
    }

    /** The logistic function, evaluated without overflow for large {@code |x|}. */
    public static HostTensor sigmoid(HostTensor x) {
        return map(x, v -> v >= 0 ? 1.0 / (1.0 + Math.exp(-v)) : Math.exp(v) / (1.0 + Math.exp(v)));
    }

    /** GELU, tanh form (PyTorch {@code approximate='tanh'}). */
    public static HostTensor gelu(HostTensor x) {
        double c = Math.sqrt(2.0 / Math.PI);
        return map(x, v -> 0.5 * v * (1.0 + Math.tanh(c * (v + 0.044715 * v * v * v))));
    }

    /** Applies {@code f} to every element. */
    public static HostTensor map(HostTensor x, DoubleUnaryOperator f) {
        double[] v = x.toDoubleArray();
        for (int i = 0; i < v.length; i++) {
            v[i] = f.applyAsDouble(v[i]);
        }
        return HostTensor.ofDoubles(x.shape(), v);
    }

    /** Applies {@code f} element-wise with NumPy broadcasting. */
    public static HostTensor binary(String op, HostTensor a, HostTensor b, DoubleBinaryOperator f) {
        Shape out = ShapeInference.broadcast(op, a.shape(), b.shape());
        int[] od = out.dims();
        int n = (int) out.size();
        int[] sa = broadcastStrides(a.shape(), od.length);
        int[] sb = broadcastStrides(b.shape(), od.length);
        double[] r = new double[n];
        int[] idx = new int[od.length];
        for (int i = 0; i < n; i++) {
            unravel(i, od, idx);
            int ia = 0;
            int ib = 0;
            for (int d = 0; d < od.length; d++) {
                ia += idx[d] * sa[d];
                ib += idx[d] * sb[d];
            }
            r[i] = f.applyAsDouble(a.getDouble(ia), b.getDouble(ib));
        }
        return HostTensor.ofDoubles(out, r);
    }

    // ---------------------------------------------------------------- linear algebra and layout

    /** Batched matrix product {@code [..., m, k] x [..., k, n]}. */
    public static HostTensor matmul(HostTensor a, HostTensor b) {
        Shape out = ShapeInference.matmul(a.shape(), b.shape());
        int m = a.shape().dim(-2);
        int k = a.shape().dim(-1);
        int n = b.shape().dim(-1);
        int batches = (int) (out.size() / ((long) m * n));
        double[] r = new double[(int) out.size()];
        for (int bt = 0; bt < batches; bt++) {
            for (int i = 0; i < m; i++) {
                for (int j = 0; j < n; j++) {
                    double s = 0;
                    for (int q = 0; q < k; q++) {
                        s += a.getDouble(bt * m * k + i * k + q) * b.getDouble(bt * k * n + q * n + j);
                    }
                    r[bt * m * n + i * n + j] = s;
                }
            }
        }
        return HostTensor.ofDoubles(out, r);
    }

    /** The same values under {@code shape}; one dimension may be -1. */
    public static HostTensor reshape(HostTensor x, Shape shape) {
        return toFloat64OrInt(x).reshape(ShapeInference.reshape(x.shape(), shape));
    }

    /** Output axis {@code i} is input axis {@code perm[i]}. */
    public static HostTensor transpose(HostTensor x, int... perm) {
        Shape out = ShapeInference.transpose(x.shape(), perm);
        int[] od = out.dims();
        int[] inStrides = strides(x.shape().dims());
        double[] r = new double[x.size()];
        int[] idx = new int[od.length];
        for (int i = 0; i < r.length; i++) {
            unravel(i, od, idx);
            int src = 0;
            for (int d = 0; d < od.length; d++) {
                src += idx[d] * inStrides[perm[d]];
            }
            r[i] = x.getDouble(src);
        }
        return like(x, out, r);
    }

    /** Concatenation along {@code axis}. */
    public static HostTensor concat(List<HostTensor> xs, int axis) {
        Shape first = xs.get(0).shape();
        int a = first.normalizeAxis(axis);
        int total = 0;
        for (HostTensor t : xs) {
            total += t.shape().dim(a);
        }
        Shape out = first.withDim(a, total);
        int[] od = out.dims();
        double[] r = new double[(int) out.size()];
        int[] idx = new int[od.length];
        for (int i = 0; i < r.length; i++) {
            unravel(i, od, idx);
            int pos = idx[a];
            int part = 0;
            while (pos >= xs.get(part).shape().dim(a)) {
                pos -= xs.get(part).shape().dim(a);
                part++;
            }
            int[] src = idx.clone();
            src[a] = pos;
            r[i] = xs.get(part).get(src);
        }
        return like(xs.get(0), out, r);
    }

    /** Elements {@code [start, start + length)} of {@code axis}. */
    public static HostTensor slice(HostTensor x, int axis, int start, int length) {
        Shape out = ShapeInference.slice(x.shape(), axis, start, length);
        int a = x.shape().normalizeAxis(axis);
        int[] od = out.dims();
        double[] r = new double[(int) out.size()];
        int[] idx = new int[od.length];
        for (int i = 0; i < r.length; i++) {
            unravel(i, od, idx);
            int[] src = idx.clone();
            src[a] += start;
            r[i] = x.get(src);
        }
        return like(x, out, r);
    }

    /** Row {@code indices[s]} of {@code table [V, D]} at every position {@code s}. */
    public static HostTensor gather(HostTensor table, HostTensor indices) {
        Shape out = ShapeInference.gather(table.shape(), indices.shape());
        int d = table.shape().dim(1);
        double[] r = new double[(int) out.size()];
        for (int s = 0; s < indices.size(); s++) {
            int row = (int) indices.getDouble(s);
            for (int j = 0; j < d; j++) {
                r[s * d + j] = table.getDouble(row * d + j);
            }
        }
        return HostTensor.ofDoubles(out, r);
    }

    /** One-hot encoding of INT32 indices, as {@code dtype}. */
    public static HostTensor oneHot(HostTensor indices, int depth, DType dtype) {
        Shape out = ShapeInference.oneHot(indices.shape(), depth);
        double[] r = new double[(int) out.size()];
        for (int s = 0; s < indices.size(); s++) {
            int k = (int) indices.getDouble(s);
            if (k >= 0 && k < depth) {
                r[s * depth + k] = 1.0;
            }
        }
        return HostTensor.fromDoubles(dtype, out, r);
    }

    /** The values converted to {@code dtype} (floating to INT32 truncates toward zero). */
    public static HostTensor cast(HostTensor x, DType dtype) {
        return x.cast(dtype);
    }

    // ---------------------------------------------------------------- reductions

    public static HostTensor sum(HostTensor x, int[] axes, boolean keepDims) {
        return reduce("sum", x, axes, keepDims, 0.0, Double::sum, false);
    }

    public static HostTensor mean(HostTensor x, int[] axes, boolean keepDims) {
        return reduce("mean", x, axes, keepDims, 0.0, Double::sum, true);
    }

    public static HostTensor max(HostTensor x, int[] axes, boolean keepDims) {
        return reduce("max", x, axes, keepDims, Double.NEGATIVE_INFINITY, Math::max, false);
    }

    private static HostTensor reduce(String op, HostTensor x, int[] axes, boolean keepDims, double init, DoubleBinaryOperator f,
            boolean average) {
        boolean[] reduced = ShapeInference.reducedAxes(op, x.shape(), axes);
        int[] in = x.shape().dims();
        int[] kept = in.clone();
        long count = 1;
        for (int d = 0; d < in.length; d++) {
            if (reduced[d]) {
                kept[d] = 1;
                count *= in[d];
            }
        }
        int outSize = 1;
        for (int k : kept) {
            outSize *= k;
        }
        double[] r = new double[outSize];
        java.util.Arrays.fill(r, init);
        int[] idx = new int[in.length];
        int[] ks = strides(kept);
        for (int i = 0; i < x.size(); i++) {
            unravel(i, in, idx);
            int o = 0;
            for (int d = 0; d < in.length; d++) {
                o += (reduced[d] ? 0 : idx[d]) * ks[d];
            }
            r[o] = f.applyAsDouble(r[o], x.getDouble(i));
        }
        if (average) {
            for (int i = 0; i < r.length; i++) {
                r[i] /= count;
            }
        }
        return HostTensor.ofDoubles(ShapeInference.reduce(op, x.shape(), axes, keepDims), r);
    }

    // ---------------------------------------------------------------- convolution and pooling

    /** 2-D cross-correlation, NCHW, zero padding on both sides. */
    public static HostTensor conv2d(HostTensor x, HostTensor kernel, int strideH, int strideW, int padH, int padW) {
        Shape out = ShapeInference.conv2d(x.shape(), kernel.shape(), strideH, strideW, padH, padW);
        int n = x.shape().dim(0);
        int c = x.shape().dim(1);
        int h = x.shape().dim(2);
        int w = x.shape().dim(3);
        int o = kernel.shape().dim(0);
        int kh = kernel.shape().dim(2);
        int kw = kernel.shape().dim(3);
        int oh = out.dim(2);
        int ow = out.dim(3);
        double[] r = new double[(int) out.size()];
        for (int b = 0; b < n; b++) {
            for (int oc = 0; oc < o; oc++) {
                for (int i = 0; i < oh; i++) {
                    for (int j = 0; j < ow; j++) {
                        double s = 0;
                        for (int ic = 0; ic < c; ic++) {
                            for (int u = 0; u < kh; u++) {
                                for (int v = 0; v < kw; v++) {
                                    int y = i * strideH - padH + u;
                                    int z = j * strideW - padW + v;
                                    if (y >= 0 && y < h && z >= 0 && z < w) {
                                        s += x.get(b, ic, y, z) * kernel.get(oc, ic, u, v);
                                    }
                                }
                            }
                        }
                        r[((b * o + oc) * oh + i) * ow + j] = s;
                    }
                }
            }
        }
        return HostTensor.ofDoubles(out, r);
    }

    /** Max pooling, NCHW, no padding. */
    public static HostTensor maxPool2d(HostTensor x, int kernelH, int kernelW, int strideH, int strideW) {
        return pool("maxPool2d", x, kernelH, kernelW, strideH, strideW, true);
    }

    /** Average pooling, NCHW, no padding. */
    public static HostTensor avgPool2d(HostTensor x, int kernelH, int kernelW, int strideH, int strideW) {
        return pool("avgPool2d", x, kernelH, kernelW, strideH, strideW, false);
    }

    private static HostTensor pool(String op, HostTensor x, int kh, int kw, int sh, int sw, boolean isMax) {
        Shape out = ShapeInference.pool2d(op, x.shape(), kh, kw, sh, sw);
        int[] od = out.dims();
        double[] r = new double[(int) out.size()];
        int[] idx = new int[4];
        for (int i = 0; i < r.length; i++) {
            unravel(i, od, idx);
            double acc = isMax ? Double.NEGATIVE_INFINITY : 0.0;
            for (int u = 0; u < kh; u++) {
                for (int v = 0; v < kw; v++) {
                    double e = x.get(idx[0], idx[1], idx[2] * sh + u, idx[3] * sw + v);
                    acc = isMax ? Math.max(acc, e) : acc + e;
                }
            }
            r[i] = isMax ? acc : acc / (kh * kw);
        }
        return HostTensor.ofDoubles(out, r);
    }

    /** {@code [N, C, H, W] -> [N, C]}, the mean over each image. */
    public static HostTensor globalAvgPool2d(HostTensor x) {
        return mean(x, new int[] {2, 3}, false);
    }

    // ---------------------------------------------------------------- composites

    /** Softmax on {@code axis}, shifted by the maximum so that {@code +-1000} stay finite. */
    public static HostTensor softmax(HostTensor x, int axis) {
        int[] ax = {axis};
        HostTensor e = exp(sub(x, max(x, ax, true)));
        return div(e, sum(e, ax, true));
    }

    /** Log-softmax on {@code axis}, shifted by the maximum. */
    public static HostTensor logSoftmax(HostTensor x, int axis) {
        int[] ax = {axis};
        HostTensor shifted = sub(x, max(x, ax, true));
        return sub(shifted, log(sum(exp(shifted), ax, true)));
    }

    /** Layer normalisation over the last axis, biased variance. */
    public static HostTensor layerNorm(HostTensor x, HostTensor gamma, HostTensor beta, double eps) {
        int[] last = {-1};
        HostTensor centered = sub(x, mean(x, last, true));
        HostTensor variance = mean(square(centered), last, true);
        HostTensor normalized = div(centered, sqrt(map(variance, v -> v + eps)));
        return add(mul(normalized, gamma), beta);
    }

    /** {@code mean((prediction - target)^2)}, rank 0. */
    public static HostTensor mseLoss(HostTensor prediction, HostTensor target) {
        return mean(square(sub(prediction, target)), new int[0], false);
    }

    /** {@code -mean(logSoftmax(logits)[label])}, rank 0. */
    public static HostTensor softmaxCrossEntropy(HostTensor logits, HostTensor labels) {
        return softmaxCrossEntropyWithProbabilities(logits, oneHot(labels, logits.shape().dim(-1), DType.FLOAT64));
    }

    /** {@code -mean(sum(p * logSoftmax(logits), -1))}, rank 0. */
    public static HostTensor softmaxCrossEntropyWithProbabilities(HostTensor logits, HostTensor probabilities) {
        HostTensor perPosition = sum(mul(probabilities, logSoftmax(logits, -1)), new int[] {-1}, false);
        return neg(mean(perPosition, new int[0], false));
    }

    /** The additive causal mask {@code [t, t]}: 0 on and below the diagonal, {@link Ops#MASKED} above. */
    public static HostTensor causalMask(int t) {
        double[] m = new double[t * t];
        for (int i = 0; i < t; i++) {
            for (int j = i + 1; j < t; j++) {
                m[i * t + j] = Ops.MASKED;
            }
        }
        return HostTensor.ofDoubles(Shape.of(t, t), m);
    }

    // ---------------------------------------------------------------- layers

    /** {@code x W + b} on the last axis of {@code x [..., in]}; {@code bias} may be null. */
    public static HostTensor dense(HostTensor x, HostTensor weight, HostTensor bias) {
        int in = weight.shape().dim(0);
        int out = weight.shape().dim(1);
        int[] lead = x.shape().dims();
        lead[lead.length - 1] = out;
        HostTensor y = matmul(reshape(x, Shape.of(-1, in)), weight).reshape(Shape.of(lead));
        return bias == null ? y : add(y, bias);
    }

    /**
     * Multi-head self-attention on {@code x [B, T, D]}, computed directly (per batch, head, query) rather than
     * through the layout ops: {@code softmax(q k^T / sqrt(dHead) + mask) v}, then the output projection. The
     * weights are {@code [D, D]} in {@code x W} form and the biases {@code [D]}, in the order query, key, value, output.
     */
    public static HostTensor attention(HostTensor x, int heads, boolean causal, List<HostTensor> weights, List<HostTensor> biases) {
        int b = x.shape().dim(0);
        int t = x.shape().dim(1);
        int d = x.shape().dim(2);
        int dh = d / heads;
        HostTensor q = dense(x, weights.get(0), biases.get(0));
        HostTensor k = dense(x, weights.get(1), biases.get(1));
        HostTensor v = dense(x, weights.get(2), biases.get(2));
        double[] ctx = new double[b * t * d];
        double scale = 1.0 / Math.sqrt(dh);
        for (int n = 0; n < b; n++) {
            for (int h = 0; h < heads; h++) {
                for (int i = 0; i < t; i++) {
                    double[] s = new double[t];
                    double m = Double.NEGATIVE_INFINITY;
                    for (int j = 0; j < t; j++) {
                        double dot = 0;
                        for (int e = 0; e < dh; e++) {
                            dot += q.get(n, i, h * dh + e) * k.get(n, j, h * dh + e);
                        }
                        s[j] = dot * scale + (causal && j > i ? Ops.MASKED : 0.0);
                        m = Math.max(m, s[j]);
                    }
                    double z = 0;
                    for (int j = 0; j < t; j++) {
                        s[j] = Math.exp(s[j] - m);
                        z += s[j];
                    }
                    for (int e = 0; e < dh; e++) {
                        double acc = 0;
                        for (int j = 0; j < t; j++) {
                            acc += s[j] / z * v.get(n, j, h * dh + e);
                        }
                        ctx[(n * t + i) * d + h * dh + e] = acc;
                    }
                }
            }
        }
        return dense(HostTensor.ofDoubles(Shape.of(b, t, d), ctx), weights.get(3), biases.get(3));
    }

    // ---------------------------------------------------------------- index helpers

    /** Row-major strides of {@code dims}. */
    static int[] strides(int[] dims) {
        int[] s = new int[dims.length];
        int acc = 1;
        for (int i = dims.length - 1; i >= 0; i--) {
            s[i] = acc;
            acc *= dims[i];
        }
        return s;
    }

    private static int[] broadcastStrides(Shape s, int rank) {
        int[] dims = s.dims();
        int[] own = strides(dims);
        int[] out = new int[rank];
        int offset = rank - dims.length;
        for (int i = 0; i < dims.length; i++) {
            out[offset + i] = dims[i] == 1 ? 0 : own[i];
        }
        return out;
    }

    private static void unravel(int flat, int[] dims, int[] idx) {
        for (int d = dims.length - 1; d >= 0; d--) {
            idx[d] = flat % dims[d];
            flat /= dims[d];
        }
    }

    private static HostTensor like(HostTensor x, Shape shape, double[] values) {
        return x.dtype() == DType.INT32 ? HostTensor.fromDoubles(DType.INT32, shape, values) : HostTensor.ofDoubles(shape, values);
    }

    private static HostTensor toFloat64OrInt(HostTensor x) {
        return x.dtype() == DType.INT32 ? x : x.cast(DType.FLOAT64);
    }
}
