package org.lpa4j.api.spi;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.UnaryOperator;
import org.lpa4j.api.compile.CompileChecks;
import org.lpa4j.api.compile.ForwardFunction;
import org.lpa4j.api.compile.LossFunction;
import org.lpa4j.api.ops.Ops;
import org.lpa4j.api.params.Parameters;
import org.lpa4j.api.tensor.DType;
import org.lpa4j.api.tensor.HostTensor;
import org.lpa4j.api.tensor.Shape;
import org.lpa4j.api.tensor.ShapeInference;
import org.lpa4j.api.tensor.Tensor;

/**
 * The {@link Ops} of one trace (or one eager call) on any engine. Every primitive is written here once: it checks that
 * this {@code Ops} is still live, that each operand is a {@link BackendTensor} it created, the operands' types and the
 * {@link ShapeInference} rule, and only then calls the engine hook ({@code ...Node}) that builds or runs the engine op.
 * A backend implements the hooks and may override composites with a native op of identical semantics through
 * {@link #sameShape} and {@link #sameShapeFloating}, which apply the same checks.
 *
 * @param <N> the engine's value type
 */
public abstract class AbstractOps<N> implements Ops {
    private boolean ended;

    /** The element-wise binary primitives, broadcasting. */
    public enum Elementwise {
        ADD("add"), SUB("sub"), MUL("mul"), DIV("div");

        private final String label;

        Elementwise(String label) {
            this.label = label;
        }
    }

    /** The element-wise floating primitives of one operand. */
    public enum Unary {
        EXP("exp"), LOG("log"), SQRT("sqrt"), RELU("relu"), TANH("tanh"), SIN("sin");

        private final String label;

        Unary(String label) {
            this.label = label;
        }
    }

    /** The reductions. */
    public enum Reduction {
        SUM("sum"), MEAN("mean"), MAX("max");

        private final String label;

        Reduction(String label) {
            this.label = label;
        }
    }

    /** The 2-D poolings (NCHW, no padding). */
    public enum Pooling {
        MAX("maxPool2d"), AVG("avgPool2d");

        private final String label;

        Pooling(String label) {
            this.label = label;
        }
    }

    // ---------------------------------------------------------------- life cycle and ownership

    /** Ends this trace or call: any later use of this {@code Ops} or of its tensors throws a {@code TraceException}. */
    public final void end() {
        ended = true;
    }

    /** Throws the trace-ended error when this {@code Ops} has ended; {@code op} names the call in the message. */
    public final void checkLive(String op) {
        if (ended) {
            throw CompileChecks.traceEnded(op);
        }
    }

    /** {@code t} as an operand: this {@code Ops} must be live, and {@code t} not null and created by it. */
    public final BackendTensor<N> operand(String op, Tensor t) {
        checkLive(op);
        return owned(op, t);
    }

    /** {@code t}, which must be a tensor created by this {@code Ops} (live or ended): a result read after the call. */
    @SuppressWarnings("unchecked")
    public final BackendTensor<N> owned(String role, Tensor t) {
        Objects.requireNonNull(t, () -> role + ": a tensor argument is null.");
        if (t instanceof BackendTensor<?> b && b.owner() == this) {
            return (BackendTensor<N>) b;
        }
        throw CompileChecks.foreignTensor(role, t);
    }

    /** A tensor of this {@code Ops} for the engine value {@code node}. */
    public final BackendTensor<N> wrap(N node, Shape shape, DType dtype) {
        return new BackendTensor<>(this, node, shape, dtype);
    }

    /** Calls {@code function} with this {@code Ops}, ends it however the call returns, and returns its checked outputs. */
    public final List<BackendTensor<N>> callForward(ForwardFunction function, Parameters params, List<Tensor> inputs) {
        List<Tensor> outputs;
        try {
            outputs = function.apply(this, params, inputs);
        } finally {
            end();
        }
        CompileChecks.requireOutputs(outputs);
        List<BackendTensor<N>> owned = new ArrayList<>(outputs.size());
        for (Tensor t : outputs) {
            owned.add(owned("forward output", t));
        }
        return owned;
    }

    /** Calls {@code loss} with this {@code Ops}, ends it however the call returns, and returns its checked scalar. */
    public final BackendTensor<N> callLoss(LossFunction loss, Parameters params, List<Tensor> inputs) {
        Tensor value;
        try {
            value = loss.apply(this, params, inputs);
        } finally {
            end();
        }
        CompileChecks.requireScalarLoss(value);
        return owned("loss", value);
    }

    /** A composite run as one native op that keeps the operand's shape and type. */
    protected final Tensor sameShape(String op, Tensor x, UnaryOperator<N> f) {
        BackendTensor<N> t = operand(op, x);
        return wrap(f.apply(t.node()), t.shape(), t.dtype());
    }

    /** {@link #sameShape} for an op defined on floating operands only. */
    protected final Tensor sameShapeFloating(String op, Tensor x, UnaryOperator<N> f) {
        BackendTensor<N> t = operand(op, x);
        ShapeInference.requireFloating(op, t);
        return wrap(f.apply(t.node()), t.shape(), t.dtype());
    }

    // ---------------------------------------------------------------- engine hooks

    /** A constant holding a copy of {@code value}. */
    protected abstract N constantNode(HostTensor value);

    /** {@code op(a, b)} broadcast to {@code out}, both of type {@code dtype}. */
    protected abstract N elementwiseNode(Elementwise op, BackendTensor<N> a, BackendTensor<N> b, Shape out, DType dtype);

    /** {@code op(x)} element-wise on a floating value. */
    protected abstract N unaryNode(Unary op, N x);

    /** The batched matrix product, of shape {@code out}. */
    protected abstract N matmulNode(N a, N b, Shape out);

    /** {@code x} under the checked shape {@code out} (every dimension known but a leading -1). */
    protected abstract N reshapeNode(N x, Shape out);

    /** {@code x} with its axes permuted by the checked {@code perm}. */
    protected abstract N transposeNode(N x, int[] perm);

    /** Two or more values concatenated along the non-negative {@code axis}. */
    protected abstract N concatNode(List<N> xs, int axis);

    /** Elements {@code [start, start + length)} of the non-negative {@code axis} of {@code x}. */
    protected abstract N sliceNode(BackendTensor<N> x, int axis, int start, int length);

    /** Rows of the floating {@code table} at the INT32 {@code indices}, of shape {@code out}. */
    protected abstract N gatherNode(BackendTensor<N> table, N indices, Shape out);

    /** {@code op} over the sorted, non-negative, non-empty {@code axes}, giving shape {@code out}. */
    protected abstract N reduceNode(Reduction op, BackendTensor<N> x, int[] axes, boolean keepDims, Shape out);

    /** The NCHW cross-correlation of the floating {@code x} with {@code kernel [O, C, kh, kw]}, zero-padded. */
    protected abstract N conv2dNode(N x, BackendTensor<N> kernel, int strideH, int strideW, int padH, int padW);

    /** {@code op} pooling of the floating NCHW {@code x}, no padding. */
    protected abstract N poolNode(Pooling op, N x, int kernelH, int kernelW, int strideH, int strideW);

    /** {@code x} with no gradient flowing back. */
    protected abstract N stopGradientNode(N x);

    /** The one-hot encoding of INT32 {@code indices} into {@code depth} classes of type {@code dtype}, without gradient. */
    protected abstract N oneHotNode(N indices, int depth, DType dtype);

    /** {@code x} converted from {@code from} to the different type {@code to}. */
    protected abstract N castNode(N x, DType from, DType to);

    // ---------------------------------------------------------------- primitives: checks, shape inference, hook

    @Override
    public final Tensor constant(HostTensor value) {
        checkLive("constant");
        Objects.requireNonNull(value, "constant: the value is null.");
        return wrap(constantNode(value), value.shape(), value.dtype());
    }

    @Override
    public final Tensor add(Tensor a, Tensor b) {
        return elementwise(Elementwise.ADD, a, b);
    }

    @Override
    public final Tensor sub(Tensor a, Tensor b) {
        return elementwise(Elementwise.SUB, a, b);
    }

    @Override
    public final Tensor mul(Tensor a, Tensor b) {
        return elementwise(Elementwise.MUL, a, b);
    }

    @Override
    public final Tensor div(Tensor a, Tensor b) {
        return elementwise(Elementwise.DIV, a, b);
    }

    private Tensor elementwise(Elementwise op, Tensor a, Tensor b) {
        BackendTensor<N> x = operand(op.label, a);
        BackendTensor<N> y = operand(op.label, b);
        DType dtype = ShapeInference.sameDType(op.label, x, y);
        Shape out = ShapeInference.broadcast(op.label, x.shape(), y.shape());
        return wrap(elementwiseNode(op, x, y, out, dtype), out, dtype);
    }

    @Override
    public final Tensor exp(Tensor x) {
        return unary(Unary.EXP, x);
    }

    @Override
    public final Tensor log(Tensor x) {
        return unary(Unary.LOG, x);
    }

    @Override
    public final Tensor sqrt(Tensor x) {
        return unary(Unary.SQRT, x);
    }

    @Override
    public final Tensor relu(Tensor x) {
        return unary(Unary.RELU, x);
    }

    @Override
    public final Tensor tanh(Tensor x) {
        return unary(Unary.TANH, x);
    }

    @Override
    public final Tensor sin(Tensor x) {
        return unary(Unary.SIN, x);
    }

    private Tensor unary(Unary op, Tensor x) {
        BackendTensor<N> t = operand(op.label, x);
        ShapeInference.requireFloating(op.label, t);
        return wrap(unaryNode(op, t.node()), t.shape(), t.dtype());
    }

    @Override
    public final Tensor matmul(Tensor a, Tensor b) {
        BackendTensor<N> x = operand("matmul", a);
        BackendTensor<N> y = operand("matmul", b);
        DType dtype = ShapeInference.sameDType("matmul", x, y);
        Shape out = ShapeInference.matmul(x.shape(), y.shape());
        return wrap(matmulNode(x.node(), y.node(), out), out, dtype);
    }

    @Override
    public final Tensor reshape(Tensor x, Shape shape) {
        BackendTensor<N> t = operand("reshape", x);
        Objects.requireNonNull(shape, "reshape: the target shape is null.");
        Shape out = ShapeInference.reshape(t.shape(), shape);
        return wrap(reshapeNode(t.node(), out), out, t.dtype());
    }

    @Override
    public final Tensor transpose(Tensor x, int... perm) {
        BackendTensor<N> t = operand("transpose", x);
        Shape out = ShapeInference.transpose(t.shape(), perm);
        return wrap(transposeNode(t.node(), perm.clone()), out, t.dtype());
    }

    @Override
    public final Tensor concat(List<Tensor> xs, int axis) {
        checkLive("concat");
        Objects.requireNonNull(xs, "concat: the list of tensors is null.");
        List<BackendTensor<N>> ts = new ArrayList<>(xs.size());
        for (Tensor x : xs) {
            ts.add(operand("concat", x));
        }
        Shape out = ShapeInference.concat(ts, axis);
        if (ts.size() == 1) {
            return ts.get(0);
        }
        List<N> nodes = new ArrayList<>(ts.size());
        ts.forEach(t -> nodes.add(t.node()));
        return wrap(concatNode(nodes, out.normalizeAxis(axis)), out, ts.get(0).dtype());
    }

    @Override
    public final Tensor slice(Tensor x, int axis, int start, int length) {
        BackendTensor<N> t = operand("slice", x);
        Shape out = ShapeInference.slice(t.shape(), axis, start, length);
        return wrap(sliceNode(t, t.shape().normalizeAxis(axis), start, length), out, t.dtype());
    }

    @Override
    public final Tensor gather(Tensor table, Tensor indices) {
        BackendTensor<N> t = operand("gather", table);
        BackendTensor<N> i = operand("gather", indices);
        ShapeInference.requireInt("gather", i);
        ShapeInference.requireFloating("gather", t);
        Shape out = ShapeInference.gather(t.shape(), i.shape());
        return wrap(gatherNode(t, i.node(), out), out, t.dtype());
    }

    @Override
    public final Tensor sum(Tensor x, int[] axes, boolean keepDims) {
        return reduce(Reduction.SUM, x, axes, keepDims);
    }

    @Override
    public final Tensor mean(Tensor x, int[] axes, boolean keepDims) {
        return reduce(Reduction.MEAN, x, axes, keepDims);
    }

    @Override
    public final Tensor max(Tensor x, int[] axes, boolean keepDims) {
        return reduce(Reduction.MAX, x, axes, keepDims);
    }

    private Tensor reduce(Reduction op, Tensor x, int[] axes, boolean keepDims) {
        BackendTensor<N> t = operand(op.label, x);
        Objects.requireNonNull(axes, () -> op.label + ": the axes are null; pass new int[0] to reduce over all axes.");
        if (op == Reduction.MEAN) {
            ShapeInference.requireFloating(op.label, t);
        }
        Shape out = ShapeInference.reduce(op.label, t.shape(), axes, keepDims);
        int[] normalized = ShapeInference.normalizedAxes(op.label, t.shape(), axes);
        if (normalized.length == 0) {
            return t;
        }
        return wrap(reduceNode(op, t, normalized, keepDims, out), out, t.dtype());
    }

    @Override
    public final Tensor conv2d(Tensor x, Tensor kernel, int strideH, int strideW, int padH, int padW) {
        BackendTensor<N> t = operand("conv2d", x);
        BackendTensor<N> k = operand("conv2d", kernel);
        ShapeInference.requireFloating("conv2d", t);
        DType dtype = ShapeInference.sameDType("conv2d", t, k);
        Shape out = ShapeInference.conv2d(t.shape(), k.shape(), strideH, strideW, padH, padW);
        return wrap(conv2dNode(t.node(), k, strideH, strideW, padH, padW), out, dtype);
    }

    @Override
    public final Tensor maxPool2d(Tensor x, int kernelH, int kernelW, int strideH, int strideW) {
        return pool(Pooling.MAX, x, kernelH, kernelW, strideH, strideW);
    }

    @Override
    public final Tensor avgPool2d(Tensor x, int kernelH, int kernelW, int strideH, int strideW) {
        return pool(Pooling.AVG, x, kernelH, kernelW, strideH, strideW);
    }

    private Tensor pool(Pooling op, Tensor x, int kernelH, int kernelW, int strideH, int strideW) {
        BackendTensor<N> t = operand(op.label, x);
        ShapeInference.requireFloating(op.label, t);
        Shape out = ShapeInference.pool2d(op.label, t.shape(), kernelH, kernelW, strideH, strideW);
        return wrap(poolNode(op, t.node(), kernelH, kernelW, strideH, strideW), out, t.dtype());
    }

    @Override
    public final Tensor stopGradient(Tensor x) {
        BackendTensor<N> t = operand("stopGradient", x);
        return wrap(stopGradientNode(t.node()), t.shape(), t.dtype());
    }

    @Override
    public final Tensor oneHot(Tensor indices, int depth, DType dtype) {
        BackendTensor<N> t = operand("oneHot", indices);
        Objects.requireNonNull(dtype, "oneHot: the element type is null.");
        ShapeInference.requireInt("oneHot", t);
        Shape out = ShapeInference.oneHot(t.shape(), depth);
        return wrap(oneHotNode(t.node(), depth, dtype), out, dtype);
    }

    @Override
    public final Tensor cast(Tensor x, DType dtype) {
        BackendTensor<N> t = operand("cast", x);
        Objects.requireNonNull(dtype, "cast: the element type is null.");
        if (t.dtype() == dtype) {
            return t;
        }
        return wrap(castNode(t.node(), t.dtype(), dtype), t.shape(), dtype);
    }
}
