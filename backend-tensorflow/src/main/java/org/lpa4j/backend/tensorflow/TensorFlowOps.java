package org.lpa4j.backend.tensorflow;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.lpa4j.api.compile.CompileChecks;
import org.lpa4j.api.ops.Ops;
import org.lpa4j.api.tensor.DType;
import org.lpa4j.api.tensor.HostTensor;
import org.lpa4j.api.tensor.Shape;
import org.lpa4j.api.tensor.ShapeInference;
import org.lpa4j.api.tensor.Tensor;
import org.tensorflow.Output;

/**
 * The lpa4j {@link Ops} for one trace: every call checks its operands with {@link ShapeInference} and adds the
 * matching TensorFlow node to the store's graph. Gradients come from the C++ gradient registry through
 * {@code Graph.addGradients}; every primitive used here has a registered gradient there (ConcatV2, Slice, GatherV2,
 * Conv2D, MaxPool and AvgPool included), so no custom gradient is registered.
 *
 * <p>TensorFlow's CPU kernels for Conv2D, MaxPool and AvgPool only support NHWC: {@link #conv2d},
 * {@link #maxPool2d} and {@link #avgPool2d} transpose NCHW to NHWC and back inside the graph, and conv2d's
 * symmetric zero padding is an explicit {@code Pad} node followed by a VALID convolution.
 */
public final class TensorFlowOps implements Ops {
    private final TensorFlowNodes nodes;
    private volatile boolean active = true;

    TensorFlowOps(TensorFlowNodes nodes) {
        this.nodes = nodes;
    }

    /** Ends the trace: every later use of this instance or its tensors fails with a sentence saying so. */
    void end() {
        active = false;
    }

    boolean isActive() {
        return active;
    }

    void checkActive(String op) {
        if (!active) {
            throw CompileChecks.traceEnded(op);
        }
    }

    /** The operand as a tensor of this trace, or the shared error for a foreign one. */
    TensorFlowTensor in(String op, Tensor t) {
        checkActive(op);
        Objects.requireNonNull(t, op + ": a tensor argument is null");
        if (!(t instanceof TensorFlowTensor tf) || tf.owner() != this) {
            throw CompileChecks.foreignTensor(op, t);
        }
        return tf;
    }

    TensorFlowTensor wrap(Output<?> output, Shape shape, DType dtype) {
        return new TensorFlowTensor(this, output, shape, dtype);
    }

    // ---------------------------------------------------------------- primitives

    @Override
    public Tensor constant(HostTensor value) {
        checkActive("constant");
        Objects.requireNonNull(value, "constant: the value is null");
        return wrap(nodes.constant(value), value.shape(), value.dtype());
    }

    @Override
    public Tensor add(Tensor a, Tensor b) {
        return binary("add", "AddV2", a, b);
    }

    @Override
    public Tensor sub(Tensor a, Tensor b) {
        return binary("sub", "Sub", a, b);
    }

    @Override
    public Tensor mul(Tensor a, Tensor b) {
        return binary("mul", "Mul", a, b);
    }

    @Override
    public Tensor div(Tensor a, Tensor b) {
        return binary("div", "RealDiv", a, b);
    }

    private Tensor binary(String op, String type, Tensor a, Tensor b) {
        TensorFlowTensor x = in(op, a);
        TensorFlowTensor y = in(op, b);
        DType dtype = ShapeInference.sameDType(op, x, y);
        Shape shape = ShapeInference.broadcast(op, x.shape(), y.shape());
        return wrap(nodes.op(type, x.output(), y.output()), shape, dtype);
    }

    @Override
    public Tensor exp(Tensor x) {
        return floatingUnary("exp", "Exp", x);
    }

    @Override
    public Tensor log(Tensor x) {
        return floatingUnary("log", "Log", x);
    }

    @Override
    public Tensor sqrt(Tensor x) {
        return floatingUnary("sqrt", "Sqrt", x);
    }

    @Override
    public Tensor relu(Tensor x) {
        // TensorFlow's ReluGrad passes the gradient where x > 0 only, so the gradient at exactly 0 is 0.
        return unary("relu", "Relu", x);
    }

    @Override
    public Tensor tanh(Tensor x) {
        return floatingUnary("tanh", "Tanh", x);
    }

    @Override
    public Tensor sin(Tensor x) {
        return floatingUnary("sin", "Sin", x);
    }

    private Tensor floatingUnary(String op, String type, Tensor x) {
        TensorFlowTensor t = in(op, x);
        ShapeInference.requireFloating(op, t);
        return wrap(nodes.op(type, t.output()), t.shape(), t.dtype());
    }

    private Tensor unary(String op, String type, Tensor x) {
        TensorFlowTensor t = in(op, x);
        return wrap(nodes.op(type, t.output()), t.shape(), t.dtype());
    }

    @Override
    public Tensor matmul(Tensor a, Tensor b) {
        TensorFlowTensor x = in("matmul", a);
        TensorFlowTensor y = in("matmul", b);
        DType dtype = ShapeInference.sameDType("matmul", x, y);
        Shape shape = ShapeInference.matmul(x.shape(), y.shape());
        String type = shape.rank() == 2 ? "MatMul" : "BatchMatMulV2";
        return wrap(nodes.op(type, x.output(), y.output()), shape, dtype);
    }

    @Override
    public Tensor reshape(Tensor x, Shape shape) {
        TensorFlowTensor t = in("reshape", x);
        Objects.requireNonNull(shape, "reshape: the target shape is null");
        Shape out = ShapeInference.reshape(t.shape(), shape);
        return wrap(nodes.op("Reshape", t.output(), nodes.ints(out.dims())), out, t.dtype());
    }

    @Override
    public Tensor transpose(Tensor x, int... perm) {
        TensorFlowTensor t = in("transpose", x);
        Shape out = ShapeInference.transpose(t.shape(), perm);
        return wrap(nodes.transpose(t.output(), perm), out, t.dtype());
    }

    @Override
    public Tensor concat(List<Tensor> xs, int axis) {
        checkActive("concat");
        Objects.requireNonNull(xs, "concat: the list of tensors is null");
        List<TensorFlowTensor> ts = new ArrayList<>(xs.size());
        for (Tensor x : xs) {
            ts.add(in("concat", x));
        }
        Shape out = ShapeInference.concat(ts, axis);
        if (ts.size() == 1) {
            return wrap(nodes.op("Identity", ts.get(0).output()), out, ts.get(0).dtype());
        }
        Output<?>[] outputs = ts.stream().map(TensorFlowTensor::output).toArray(Output<?>[]::new);
        int a = ts.get(0).shape().normalizeAxis(axis);
        Output<?> node = nodes.builder("ConcatV2").addInputList(outputs).addInput(nodes.intScalar(a)).build().output(0);
        return wrap(node, out, ts.get(0).dtype());
    }

    @Override
    public Tensor slice(Tensor x, int axis, int start, int length) {
        TensorFlowTensor t = in("slice", x);
        Shape out = ShapeInference.slice(t.shape(), axis, start, length);
        int a = t.shape().normalizeAxis(axis);
        int[] begin = new int[t.shape().rank()];
        int[] size = new int[t.shape().rank()];
        java.util.Arrays.fill(size, -1);
        begin[a] = start;
        size[a] = length;
        return wrap(nodes.op("Slice", t.output(), nodes.ints(begin), nodes.ints(size)), out, t.dtype());
    }

    @Override
    public Tensor gather(Tensor table, Tensor indices) {
        TensorFlowTensor tab = in("gather", table);
        TensorFlowTensor idx = in("gather", indices);
        ShapeInference.requireInt("gather", idx);
        Shape out = ShapeInference.gather(tab.shape(), idx.shape());
        return wrap(nodes.op("GatherV2", tab.output(), idx.output(), nodes.intScalar(0)), out, tab.dtype());
    }

    @Override
    public Tensor sum(Tensor x, int[] axes, boolean keepDims) {
        return reduce("sum", "Sum", x, axes, keepDims);
    }

    @Override
    public Tensor mean(Tensor x, int[] axes, boolean keepDims) {
        return reduce("mean", "Mean", x, axes, keepDims);
    }

    @Override
    public Tensor max(Tensor x, int[] axes, boolean keepDims) {
        return reduce("max", "Max", x, axes, keepDims);
    }

    private Tensor reduce(String op, String type, Tensor x, int[] axes, boolean keepDims) {
        TensorFlowTensor t = in(op, x);
        Objects.requireNonNull(axes, op + ": axes is null; pass an empty array to reduce over all axes");
        Shape out = ShapeInference.reduce(op, t.shape(), axes, keepDims);
        int[] normalized = ShapeInference.normalizedAxes(op, t.shape(), axes);
        return wrap(nodes.reduce(type, t.output(), normalized, keepDims), out, t.dtype());
    }

    @Override
    public Tensor conv2d(Tensor x, Tensor kernel, int strideH, int strideW, int padH, int padW) {
        TensorFlowTensor in = in("conv2d", x);
        TensorFlowTensor k = in("conv2d", kernel);
        ShapeInference.requireFloating("conv2d", in);
        DType dtype = ShapeInference.sameDType("conv2d", in, k);
        Shape out = ShapeInference.conv2d(in.shape(), k.shape(), strideH, strideW, padH, padW);
        Output<?> nhwc = nodes.transpose(in.output(), 0, 2, 3, 1);
        if (padH > 0 || padW > 0) {
            int[] pads = {0, 0, padH, padH, padW, padW, 0, 0};
            nhwc = nodes.op("Pad", nhwc, nodes.constant(HostTensor.ofInts(Shape.of(4, 2), pads)));
        }
        Output<?> hwio = nodes.transpose(k.output(), 2, 3, 1, 0);
        Output<?> conv = nodes.builder("Conv2D").addInput(nhwc).addInput(hwio).setAttr("strides", new long[] {1, strideH, strideW, 1})
                .setAttr("padding", "VALID").build().output(0);
        return wrap(nodes.transpose(conv, 0, 3, 1, 2), out, dtype);
    }

    @Override
    public Tensor maxPool2d(Tensor x, int kernelH, int kernelW, int strideH, int strideW) {
        return pool("maxPool2d", "MaxPool", x, kernelH, kernelW, strideH, strideW);
    }

    @Override
    public Tensor avgPool2d(Tensor x, int kernelH, int kernelW, int strideH, int strideW) {
        return pool("avgPool2d", "AvgPool", x, kernelH, kernelW, strideH, strideW);
    }

    private Tensor pool(String op, String type, Tensor x, int kernelH, int kernelW, int strideH, int strideW) {
        TensorFlowTensor t = in(op, x);
        ShapeInference.requireFloating(op, t);
        Shape out = ShapeInference.pool2d(op, t.shape(), kernelH, kernelW, strideH, strideW);
        Output<?> nhwc = nodes.transpose(t.output(), 0, 2, 3, 1);
        Output<?> pooled = nodes.builder(type).addInput(nhwc).setAttr("ksize", new long[] {1, kernelH, kernelW, 1})
                .setAttr("strides", new long[] {1, strideH, strideW, 1}).setAttr("padding", "VALID").build().output(0);
        return wrap(nodes.transpose(pooled, 0, 3, 1, 2), out, t.dtype());
    }

    @Override
    public Tensor stopGradient(Tensor x) {
        return unary("stopGradient", "StopGradient", x);
    }

    @Override
    public Tensor oneHot(Tensor indices, int depth, DType dtype) {
        TensorFlowTensor idx = in("oneHot", indices);
        Objects.requireNonNull(dtype, "oneHot: dtype is null");
        ShapeInference.requireInt("oneHot", idx);
        Shape out = ShapeInference.oneHot(idx.shape(), depth);
        Output<?> node = nodes.builder("OneHot").addInput(idx.output()).addInput(nodes.intScalar(depth))
                .addInput(nodes.scalar(1, dtype)).addInput(nodes.scalar(0, dtype)).setAttr("axis", -1L).build().output(0);
        return wrap(node, out, dtype);
    }

    @Override
    public Tensor cast(Tensor x, DType dtype) {
        TensorFlowTensor t = in("cast", x);
        Objects.requireNonNull(dtype, "cast: dtype is null");
        if (t.dtype() == dtype) {
            return t;
        }
        return wrap(nodes.cast(t.output(), dtype), t.shape(), dtype);
    }

    // ---------------------------------------------------------------- composites with identical native ops

    /** {@code x * x} as TensorFlow's {@code Square} (same values, gradient {@code 2 x}). */
    @Override
    public Tensor square(Tensor x) {
        return unary("square", "Square", x);
    }

    /** {@code -x} as TensorFlow's {@code Neg}. */
    @Override
    public Tensor neg(Tensor x) {
        return unary("neg", "Neg", x);
    }
}
