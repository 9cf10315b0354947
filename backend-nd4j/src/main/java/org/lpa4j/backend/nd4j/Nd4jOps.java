package org.lpa4j.backend.nd4j;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.BinaryOperator;
import java.util.function.UnaryOperator;
import org.lpa4j.api.compile.CompileChecks;
import org.lpa4j.api.ops.Ops;
import org.lpa4j.api.tensor.DType;
import org.lpa4j.api.tensor.HostTensor;
import org.lpa4j.api.tensor.Shape;
import org.lpa4j.api.tensor.ShapeInference;
import org.lpa4j.api.tensor.Tensor;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.controlflow.compat.StopGradient;
import org.nd4j.linalg.api.ops.impl.layers.convolution.config.Conv2DConfig;
import org.nd4j.linalg.api.ops.impl.layers.convolution.config.PaddingMode;
import org.nd4j.linalg.api.ops.impl.layers.convolution.config.Pooling2DConfig;

/**
 * The {@link Ops} of one nd4j trace: every call checks its operands with {@link ShapeInference} and adds one
 * SameDiff op to the trace's graph. It rejects tensors of other traces and any use after its trace has ended.
 */
final class Nd4jOps implements Ops {
    private final SameDiff sd;
    private final List<INDArray> constants = new ArrayList<>();
    private boolean ended;

    Nd4jOps(SameDiff sd) {
        this.sd = sd;
    }

    /** Marks the trace as ended: every later call throws {@link org.lpa4j.api.compile.TraceException}. */
    void end() {
        ended = true;
    }

    /** Throws the neutral error when the trace has ended. */
    void requireLive(String op) {
        if (ended) {
            throw CompileChecks.traceEnded(op);
        }
    }

    /** The native arrays of the constants this trace created; the program closes them. */
    List<INDArray> constants() {
        return constants;
    }

    /** The operand as a tensor of this trace, or the neutral foreign-tensor error. */
    Nd4jTensor own(String op, Tensor t) {
        Objects.requireNonNull(t, () -> op + ": an operand is null");
        if (t instanceof Nd4jTensor n && n.owner() == this) {
            return n;
        }
        throw CompileChecks.foreignTensor(op, t);
    }

    Nd4jTensor wrap(SDVariable v, Shape shape, DType dtype) {
        return new Nd4jTensor(this, v, shape, dtype);
    }

    private Tensor binary(String op, Tensor a, Tensor b, BinaryOperator<SDVariable> f) {
        requireLive(op);
        Nd4jTensor x = own(op, a);
        Nd4jTensor y = own(op, b);
        DType t = ShapeInference.sameDType(op, x, y);
        Shape s = ShapeInference.broadcast(op, x.shape(), y.shape());
        return wrap(f.apply(x.variable(), y.variable()), s, t);
    }

    private Tensor unaryFloating(String op, Tensor a, UnaryOperator<SDVariable> f) {
        requireLive(op);
        Nd4jTensor x = own(op, a);
        ShapeInference.requireFloating(op, x);
        return wrap(f.apply(x.variable()), x.shape(), x.dtype());
    }

    // ---------------------------------------------------------------- primitives

    @Override
    public Tensor constant(HostTensor value) {
        requireLive("constant");
        Objects.requireNonNull(value, "constant: the value is null");
        return wrap(constantNode(value), value.shape(), value.dtype());
    }

    private SDVariable constantNode(HostTensor value) {
        INDArray array = Nd4jArrays.toArray(value);
        constants.add(array);
        return sd.constant(array);
    }

    @Override
    public Tensor add(Tensor a, Tensor b) {
        return binary("add", a, b, (x, y) -> sd.math().add(x, y));
    }

    @Override
    public Tensor sub(Tensor a, Tensor b) {
        return binary("sub", a, b, (x, y) -> sd.math().sub(x, y));
    }

    @Override
    public Tensor mul(Tensor a, Tensor b) {
        return binary("mul", a, b, (x, y) -> sd.math().mul(x, y));
    }

    @Override
    public Tensor div(Tensor a, Tensor b) {
        requireLive("div");
        Nd4jTensor x = own("div", a);
        Nd4jTensor y = own("div", b);
        DType t = ShapeInference.sameDType("div", x, y);
        Shape s = ShapeInference.broadcast("div", x.shape(), y.shape());
        // SameDiff 1.0.0-M2.1's div gradient is wrong for a broadcast divisor (measured: the [2, 3] / scalar case of the
        // conformance suite). Both operands are first broadcast to the result shape by adding -0.0 (exact for every value,
        // -0.0 included), whose gradient is a correct sum over the broadcast axes; the division then has equal shapes.
        SDVariable xv = x.variable();
        SDVariable yv = y.variable();
        if (!x.shape().equals(s) || !y.shape().equals(s)) {
            if (!y.shape().equals(s)) {
                yv = sd.math().add(yv, negativeZerosLike(xv, yv));
            }
            if (!x.shape().equals(s)) {
                xv = sd.math().add(xv, negativeZerosLike(x.variable(), y.variable()));
            }
        }
        return wrap(sd.math().div(xv, yv), s, t);
    }

    /** {@code -0.0} in the broadcast shape of {@code a} and {@code b}, with no gradient path. */
    private SDVariable negativeZerosLike(SDVariable a, SDVariable b) {
        SDVariable za = sd.zerosLike(a);
        SDVariable zb = sd.zerosLike(b);
        return sd.math().neg(sd.math().add(za, zb));
    }

    @Override
    public Tensor exp(Tensor x) {
        return unaryFloating("exp", x, v -> sd.math().exp(v));
    }

    @Override
    public Tensor log(Tensor x) {
        return unaryFloating("log", x, v -> sd.math().log(v));
    }

    @Override
    public Tensor sqrt(Tensor x) {
        return unaryFloating("sqrt", x, v -> sd.math().sqrt(v));
    }

    @Override
    public Tensor relu(Tensor x) {
        return unaryFloating("relu", x, v -> sd.nn().relu(v, 0.0));
    }

    @Override
    public Tensor tanh(Tensor x) {
        return unaryFloating("tanh", x, v -> sd.math().tanh(v));
    }

    @Override
    public Tensor sin(Tensor x) {
        return unaryFloating("sin", x, v -> sd.math().sin(v));
    }

    @Override
    public Tensor matmul(Tensor a, Tensor b) {
        requireLive("matmul");
        Nd4jTensor x = own("matmul", a);
        Nd4jTensor y = own("matmul", b);
        DType t = ShapeInference.sameDType("matmul", x, y);
        Shape s = ShapeInference.matmul(x.shape(), y.shape());
        return wrap(sd.mmul(x.variable(), y.variable()), s, t);
    }

    @Override
    public Tensor reshape(Tensor x, Shape shape) {
        requireLive("reshape");
        Nd4jTensor v = own("reshape", x);
        Objects.requireNonNull(shape, "reshape: the target shape is null");
        Shape s = ShapeInference.reshape(v.shape(), shape);
        return wrap(sd.reshape(v.variable(), Nd4jArrays.longs(s.dims())), s, v.dtype());
    }

    @Override
    public Tensor transpose(Tensor x, int... perm) {
        requireLive("transpose");
        Nd4jTensor v = own("transpose", x);
        Shape s = ShapeInference.transpose(v.shape(), perm);
        return wrap(sd.permute(v.variable(), perm.clone()), s, v.dtype());
    }

    @Override
    public Tensor concat(List<Tensor> xs, int axis) {
        requireLive("concat");
        Objects.requireNonNull(xs, "concat: the list of tensors is null");
        List<Nd4jTensor> own = new ArrayList<>();
        for (Tensor t : xs) {
            own.add(own("concat", t));
        }
        Shape s = ShapeInference.concat(own, axis);
        if (own.size() == 1) {
            return wrap(sd.identity(own.get(0).variable()), s, own.get(0).dtype());
        }
        SDVariable[] vars = own.stream().map(Nd4jTensor::variable).toArray(SDVariable[]::new);
        return wrap(sd.concat(own.get(0).shape().normalizeAxis(axis), vars), s, own.get(0).dtype());
    }

    @Override
    public Tensor slice(Tensor x, int axis, int start, int length) {
        requireLive("slice");
        Nd4jTensor v = own("slice", x);
        Shape s = ShapeInference.slice(v.shape(), axis, start, length);
        int a = v.shape().normalizeAxis(axis);
        int[] begin = new int[s.rank()];
        int[] size = new int[s.rank()];
        for (int i = 0; i < size.length; i++) {
            size[i] = -1;
        }
        begin[a] = start;
        size[a] = length;
        return wrap(sd.slice(v.variable(), begin, size), s, v.dtype());
    }

    @Override
    public Tensor gather(Tensor table, Tensor indices) {
        requireLive("gather");
        Nd4jTensor t = own("gather", table);
        Nd4jTensor i = own("gather", indices);
        ShapeInference.requireInt("gather", i);
        ShapeInference.requireFloating("gather", t);
        Shape s = ShapeInference.gather(t.shape(), i.shape());
        // SameDiff 1.0.0-M2.1's gather gradient drops repeated indices and mis-handles multi-dimensional indices
        // (measured with the conformance suite), so the lookup is a one-hot matrix product: exact values, and a table
        // gradient that accumulates over repeated indices through matmul's gradient.
        int v = t.shape().dim(0);
        int d = t.shape().dim(1);
        SDVariable flat = sd.reshape(i.variable(), -1);
        SDVariable oneHot = sd.oneHot(flat, v, -1, 1.0, 0.0, Nd4jArrays.dataType(t.dtype()));
        SDVariable rows = sd.mmul(oneHot, t.variable());
        int[] dims = s.dims();
        if (!s.isFullyKnown()) {
            dims[0] = -1;
        }
        return wrap(sd.reshape(rows, Nd4jArrays.longs(dims)), s, t.dtype());
    }

    @Override
    public Tensor sum(Tensor x, int[] axes, boolean keepDims) {
        return reduce("sum", x, axes, keepDims);
    }

    @Override
    public Tensor mean(Tensor x, int[] axes, boolean keepDims) {
        return reduce("mean", x, axes, keepDims);
    }

    @Override
    public Tensor max(Tensor x, int[] axes, boolean keepDims) {
        return reduce("max", x, axes, keepDims);
    }

    private Tensor reduce(String op, Tensor x, int[] axes, boolean keepDims) {
        requireLive(op);
        Nd4jTensor v = own(op, x);
        Objects.requireNonNull(axes, () -> op + ": axes are null; pass new int[0] to reduce over all axes");
        Shape s = ShapeInference.reduce(op, v.shape(), axes, keepDims);
        int[] ax = ShapeInference.normalizedAxes(op, v.shape(), axes);
        if (ax.length == 0) {
            return wrap(sd.identity(v.variable()), s, v.dtype());
        }
        SDVariable in = v.variable();
        boolean mayReduceOnlyOnes = true;
        for (int a : ax) {
            int size = v.shape().dim(a);
            mayReduceOnlyOnes &= size == 1 || size == Shape.UNKNOWN;
        }
        if (mayReduceOnlyOnes) {
            // ND4J 1.0.0-M2.1's legacy reductions fail (NullPointerException in BaseReduceOp.noOp) when every reduced
            // axis has size 1 at run time, e.g. a mean over the batch axis with batch size 1. A new trailing axis of
            // size 2 is added to the reduction: x and a neutral partner (0 for sum, x itself for mean, -inf for max).
            int r = v.shape().rank();
            SDVariable partner;
            switch (op) {
                case "sum":
                    partner = sd.zerosLike(in);
                    break;
                case "mean":
                    partner = in;
                    break;
                default:
                    partner = sd.math().add(sd.zerosLike(in), constantNode(HostTensor.scalar(v.dtype(), Double.NEGATIVE_INFINITY)));
                    break;
            }
            // A reshape, not expandDims: expandDims of a [1, 1] tensor does not give [1, 1, 1] at run time, and concat fails.
            long[] withAxis = Nd4jArrays.longs(java.util.Arrays.copyOf(v.shape().dims(), r + 1));
            withAxis[r] = 1;
            in = sd.concat(r, sd.reshape(in, withAxis), sd.reshape(partner, withAxis));
            int[] widened = java.util.Arrays.copyOf(ax, ax.length + 1);
            widened[ax.length] = r;
            SDVariable out = reduceNative(op, in, keepDims, widened);
            if (keepDims) {
                out = sd.squeeze(out, r);
            }
            return wrap(out, s, v.dtype());
        }
        return wrap(reduceNative(op, in, keepDims, ax), s, v.dtype());
    }

    private SDVariable reduceNative(String op, SDVariable in, boolean keepDims, int[] ax) {
        switch (op) {
            case "sum":
                return sd.sum(in, keepDims, ax);
            case "mean":
                return sd.mean(in, keepDims, ax);
            default:
                return sd.max(in, keepDims, ax);
        }
    }

    @Override
    public Tensor conv2d(Tensor x, Tensor kernel, int strideH, int strideW, int padH, int padW) {
        requireLive("conv2d");
        Nd4jTensor in = own("conv2d", x);
        Nd4jTensor k = own("conv2d", kernel);
        ShapeInference.requireFloating("conv2d", in);
        DType t = ShapeInference.sameDType("conv2d", in, k);
        Shape s = ShapeInference.conv2d(in.shape(), k.shape(), strideH, strideW, padH, padW);
        Shape ks = k.shape();
        Conv2DConfig config = Conv2DConfig.builder().kH(ks.dim(2)).kW(ks.dim(3)).sH(strideH).sW(strideW).pH(padH).pW(padW)
                .dH(1).dW(1).paddingMode(PaddingMode.VALID).dataFormat(Conv2DConfig.NCHW).build();
        // lpa4j kernels are [O, C, kh, kw]; ND4J's default weight layout is [kh, kw, C, O].
        SDVariable weights = sd.permute(k.variable(), 2, 3, 1, 0);
        return wrap(sd.cnn().conv2d(in.variable(), weights, config), s, t);
    }

    @Override
    public Tensor maxPool2d(Tensor x, int kernelH, int kernelW, int strideH, int strideW) {
        return pool("maxPool2d", x, kernelH, kernelW, strideH, strideW, true);
    }

    @Override
    public Tensor avgPool2d(Tensor x, int kernelH, int kernelW, int strideH, int strideW) {
        return pool("avgPool2d", x, kernelH, kernelW, strideH, strideW, false);
    }

    private Tensor pool(String op, Tensor x, int kernelH, int kernelW, int strideH, int strideW, boolean max) {
        requireLive(op);
        Nd4jTensor in = own(op, x);
        ShapeInference.requireFloating(op, in);
        Shape s = ShapeInference.pool2d(op, in.shape(), kernelH, kernelW, strideH, strideW);
        Pooling2DConfig config = Pooling2DConfig.builder().kH(kernelH).kW(kernelW).sH(strideH).sW(strideW).pH(0).pW(0)
                .dH(1).dW(1).paddingMode(PaddingMode.VALID).isNHWC(false).build();
        SDVariable out = max ? sd.cnn().maxPooling2d(in.variable(), config) : sd.cnn().avgPooling2d(in.variable(), config);
        return wrap(out, s, in.dtype());
    }

    @Override
    public Tensor stopGradient(Tensor x) {
        requireLive("stopGradient");
        Nd4jTensor v = own("stopGradient", x);
        return wrap(new StopGradient(sd, v.variable()).outputVariable(), v.shape(), v.dtype());
    }

    @Override
    public Tensor oneHot(Tensor indices, int depth, DType dtype) {
        requireLive("oneHot");
        Nd4jTensor i = own("oneHot", indices);
        Objects.requireNonNull(dtype, "oneHot: dtype is null");
        ShapeInference.requireInt("oneHot", i);
        Shape s = ShapeInference.oneHot(i.shape(), depth);
        return wrap(sd.oneHot(i.variable(), depth, -1, 1.0, 0.0, Nd4jArrays.dataType(dtype)), s, dtype);
    }

    @Override
    public Tensor cast(Tensor x, DType dtype) {
        requireLive("cast");
        Nd4jTensor v = own("cast", x);
        Objects.requireNonNull(dtype, "cast: dtype is null");
        if (dtype == v.dtype()) {
            return wrap(sd.identity(v.variable()), v.shape(), dtype);
        }
        return wrap(sd.castTo(v.variable(), Nd4jArrays.dataType(dtype)), v.shape(), dtype);
    }
}
