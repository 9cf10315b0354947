package org.lpa4j.backend.djl;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.internal.NDArrayEx;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.SparseFormat;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.jni.JniUtils;
import java.util.List;
import java.util.Objects;
import org.lpa4j.api.compile.CompileChecks;
import org.lpa4j.api.ops.Ops;
import org.lpa4j.api.tensor.DType;
import org.lpa4j.api.tensor.HostTensor;
import org.lpa4j.api.tensor.Shape;
import org.lpa4j.api.tensor.ShapeInference;
import org.lpa4j.api.tensor.Tensor;

/**
 * The operations of one eager call of a traced function, run immediately on PyTorch. Every op first applies the
 * neutral {@link ShapeInference} rule, then the PyTorch op with the same semantics; the instance ends with the call,
 * after which any use of it or its tensors is an error.
 */
final class DjlOps implements Ops {
    private final NDManager manager;
    private boolean ended;

    DjlOps(NDManager manager) {
        this.manager = manager;
    }

    /** Ends this call: later use of this {@code Ops} or its tensors throws. */
    void end() {
        ended = true;
    }

    boolean hasEnded() {
        return ended;
    }

    NDManager manager() {
        return manager;
    }

    // ---------------------------------------------------------------- plumbing

    void checkOpen(String op) {
        if (ended) {
            throw CompileChecks.traceEnded(op);
        }
    }

    /** The array behind {@code t}, which must be a tensor of this very call. */
    NDArray unwrap(String op, Tensor t) {
        Objects.requireNonNull(t, () -> op + ": a tensor argument is null.");
        if (t instanceof DjlTensor d) {
            if (d.owner() == this) {
                if (ended) {
                    throw CompileChecks.traceEnded(op);
                }
                return d.array();
            }
            if (d.owner().hasEnded()) {
                throw CompileChecks.traceEnded(op);
            }
        }
        throw CompileChecks.foreignTensor(op, t);
    }

    DjlTensor wrap(NDArray array, Shape shape, DType dtype) {
        return new DjlTensor(this, array, shape, dtype);
    }

    private NDArray arg(String op, Tensor t) {
        checkOpen(op);
        return unwrap(op, t);
    }

    private static NDArrayEx ex(NDArray a) {
        return a.getNDArrayInternal();
    }

    private static ai.djl.ndarray.types.Shape pair(int a, int b) {
        return new ai.djl.ndarray.types.Shape(a, b);
    }

    // ---------------------------------------------------------------- primitives

    @Override
    public Tensor constant(HostTensor value) {
        checkOpen("constant");
        Objects.requireNonNull(value, "constant: value is null.");
        return wrap(DjlArrays.toArray(manager, value), value.shape(), value.dtype());
    }

    private Tensor binary(String op, Tensor a, Tensor b) {
        NDArray x = arg(op, a);
        NDArray y = arg(op, b);
        DType dtype = ShapeInference.sameDType(op, a, b);
        Shape shape = ShapeInference.broadcast(op, a.shape(), b.shape());
        NDArray out;
        switch (op) {
            case "add":
                out = x.add(y);
                break;
            case "sub":
                out = x.sub(y);
                break;
            case "mul":
                out = x.mul(y);
                break;
            default:
                out = x.div(y);
                if (dtype == DType.INT32) {
                    // PyTorch's true division promotes integers to floats; keep the neutral type (truncated toward zero).
                    out = out.toType(DataType.INT32, false);
                }
                break;
        }
        return wrap(out, shape, dtype);
    }

    @Override
    public Tensor add(Tensor a, Tensor b) {
        return binary("add", a, b);
    }

    @Override
    public Tensor sub(Tensor a, Tensor b) {
        return binary("sub", a, b);
    }

    @Override
    public Tensor mul(Tensor a, Tensor b) {
        return binary("mul", a, b);
    }

    @Override
    public Tensor div(Tensor a, Tensor b) {
        return binary("div", a, b);
    }

    private Tensor floatingUnary(String op, Tensor x, NDArray out) {
        return wrap(out, x.shape(), x.dtype());
    }

    private NDArray floatingArg(String op, Tensor x) {
        NDArray a = arg(op, x);
        ShapeInference.requireFloating(op, x);
        return a;
    }

    @Override
    public Tensor exp(Tensor x) {
        return floatingUnary("exp", x, floatingArg("exp", x).exp());
    }

    @Override
    public Tensor log(Tensor x) {
        return floatingUnary("log", x, floatingArg("log", x).log());
    }

    @Override
    public Tensor sqrt(Tensor x) {
        return floatingUnary("sqrt", x, floatingArg("sqrt", x).sqrt());
    }

    @Override
    public Tensor relu(Tensor x) {
        // torch.relu: its backward (threshold_backward) passes the gradient only where the output is > 0, so 0 at 0.
        return floatingUnary("relu", x, ex(floatingArg("relu", x)).relu());
    }

    @Override
    public Tensor tanh(Tensor x) {
        return floatingUnary("tanh", x, floatingArg("tanh", x).tanh());
    }

    @Override
    public Tensor sin(Tensor x) {
        return floatingUnary("sin", x, floatingArg("sin", x).sin());
    }

    @Override
    public Tensor matmul(Tensor a, Tensor b) {
        NDArray x = arg("matmul", a);
        NDArray y = arg("matmul", b);
        DType dtype = ShapeInference.sameDType("matmul", a, b);
        Shape shape = ShapeInference.matmul(a.shape(), b.shape());
        return wrap(x.matMul(y), shape, dtype);
    }

    @Override
    public Tensor reshape(Tensor x, Shape shape) {
        NDArray a = arg("reshape", x);
        Objects.requireNonNull(shape, "reshape: shape is null.");
        Shape out = ShapeInference.reshape(x.shape(), shape);
        return wrap(a.reshape(DjlArrays.shape(out)), out, x.dtype());
    }

    private static int[] ones(int n) {
        int[] out = new int[n];
        java.util.Arrays.fill(out, 1);
        return out;
    }

    @Override
    public Tensor transpose(Tensor x, int... perm) {
        NDArray a = arg("transpose", x);
        Shape out = ShapeInference.transpose(x.shape(), perm);
        return wrap(a.transpose(perm), out, x.dtype());
    }

    @Override
    public Tensor concat(List<Tensor> xs, int axis) {
        checkOpen("concat");
        Objects.requireNonNull(xs, "concat: the tensor list is null.");
        NDList arrays = new NDList(xs.size());
        for (Tensor t : xs) {
            arrays.add(unwrap("concat", t));
        }
        Shape out = ShapeInference.concat(xs, axis);
        int a = xs.get(0).shape().normalizeAxis(axis);
        NDArray result = arrays.size() == 1 ? arrays.get(0) : NDArrays.concat(arrays, a);
        return wrap(result, out, xs.get(0).dtype());
    }

    @Override
    public Tensor slice(Tensor x, int axis, int start, int length) {
        NDArray a = arg("slice", x);
        Shape out = ShapeInference.slice(x.shape(), axis, start, length);
        int ax = x.shape().normalizeAxis(axis);
        NDIndex index = new NDIndex();
        if (ax > 0) {
            index.addAllDim(ax);
        }
        index.addSliceDim(start, (long) start + length);
        return wrap(a.get(index), out, x.dtype());
    }

    @Override
    public Tensor gather(Tensor table, Tensor indices) {
        NDArray t = arg("gather", table);
        NDArray i = arg("gather", indices);
        ShapeInference.requireInt("gather", indices);
        ShapeInference.requireFloating("gather", table);
        Shape out = ShapeInference.gather(table.shape(), indices.shape());
        // torch.embedding(weight, indices): row lookup whose gradient flows to the table only.
        NDArray result = ex(t).embedding(i, t, SparseFormat.DENSE).singletonOrThrow();
        return wrap(result, out, table.dtype());
    }

    private interface Reduction {
        NDArray apply(NDArray a, int[] axes, boolean keepDims);
    }

    private Tensor reduce(String op, Tensor x, int[] axes, boolean keepDims, Reduction r) {
        NDArray a = arg(op, x);
        Objects.requireNonNull(axes, () -> op + ": axes is null; pass new int[0] for all axes.");
        Shape out = ShapeInference.reduce(op, x.shape(), axes, keepDims);
        int[] normalized = ShapeInference.normalizedAxes(op, x.shape(), axes);
        NDArray result = normalized.length == 0 ? a.reshape(DjlArrays.shape(out)) : r.apply(a, normalized, keepDims);
        return wrap(result, out, x.dtype());
    }

    @Override
    public Tensor sum(Tensor x, int[] axes, boolean keepDims) {
        return reduce("sum", x, axes, keepDims, (a, ax, k) -> {
            NDArray s = a.sum(ax, k);
            // PyTorch sums integers into int64; keep the neutral element type.
            return s.getDataType() == a.getDataType() ? s : s.toType(a.getDataType(), false);
        });
    }

    @Override
    public Tensor mean(Tensor x, int[] axes, boolean keepDims) {
        arg("mean", x);
        ShapeInference.requireFloating("mean", x);
        // DJL's PyTorch mean takes one axis: divide the sum by the run-time count of the reduced elements.
        return reduce("mean", x, axes, keepDims, (a, ax, k) -> {
            if (ax.length == 1) {
                return a.mean(ax, k);
            }
            if (ax.length == a.getShape().dimension()) {
                NDArray all = a.mean();
                return k ? all.reshape(DjlArrays.shape(Shape.of(ones(ax.length)))) : all;
            }
            long count = 1;
            for (int axis : ax) {
                count *= a.getShape().get(axis);
            }
            NDArray sum = a.sum(ax, k);
            return sum.div(DjlArrays.scalarLike(sum, count));
        });
    }

    @Override
    public Tensor max(Tensor x, int[] axes, boolean keepDims) {
        return reduce("max", x, axes, keepDims, (a, ax, k) -> {
            if (ax.length == 1) {
                return a.max(ax, k);
            }
            // torch.max(dim) takes one axis: reduce the axes one at a time (keeping them), then drop them if asked.
            NDArray m = a;
            for (int i = ax.length - 1; i >= 0; i--) {
                m = m.max(new int[] {ax[i]}, true);
            }
            return k ? m : m.squeeze(ax);
        });
    }

    @Override
    public Tensor conv2d(Tensor x, Tensor kernel, int strideH, int strideW, int padH, int padW) {
        NDArray a = arg("conv2d", x);
        NDArray k = arg("conv2d", kernel);
        DType dtype = ShapeInference.sameDType("conv2d", x, kernel);
        ShapeInference.requireFloating("conv2d", x);
        Shape out = ShapeInference.conv2d(x.shape(), kernel.shape(), strideH, strideW, padH, padW);
        NDArray result = ex(a).convolution(a, k, null, pair(strideH, strideW), pair(padH, padW), pair(1, 1), 1).singletonOrThrow();
        return wrap(result, out, dtype);
    }

    @Override
    public Tensor maxPool2d(Tensor x, int kernelH, int kernelW, int strideH, int strideW) {
        NDArray a = arg("maxPool2d", x);
        ShapeInference.requireFloating("maxPool2d", x);
        Shape out = ShapeInference.pool2d("maxPool2d", x.shape(), kernelH, kernelW, strideH, strideW);
        NDArray result = ex(a).maxPool(pair(kernelH, kernelW), pair(strideH, strideW), pair(0, 0), false);
        return wrap(result, out, x.dtype());
    }

    @Override
    public Tensor avgPool2d(Tensor x, int kernelH, int kernelW, int strideH, int strideW) {
        NDArray a = arg("avgPool2d", x);
        ShapeInference.requireFloating("avgPool2d", x);
        Shape out = ShapeInference.pool2d("avgPool2d", x.shape(), kernelH, kernelW, strideH, strideW);
        NDArray result = ex(a).avgPool(pair(kernelH, kernelW), pair(strideH, strideW), pair(0, 0), false, true);
        return wrap(result, out, x.dtype());
    }

    @Override
    public Tensor stopGradient(Tensor x) {
        NDArray a = arg("stopGradient", x);
        return wrap(a.stopGradient(), x.shape(), x.dtype());
    }

    @Override
    public Tensor oneHot(Tensor indices, int depth, DType dtype) {
        NDArray a = arg("oneHot", indices);
        Objects.requireNonNull(dtype, "oneHot: dtype is null.");
        ShapeInference.requireInt("oneHot", indices);
        Shape out = ShapeInference.oneHot(indices.shape(), depth);
        // torch.one_hot needs int64 indices; the result is converted to the requested type.
        NDArray longs = a.toType(DataType.INT64, false);
        NDArray result = longs.oneHot(depth, DjlArrays.dataType(dtype));
        if (result.getDataType() != DjlArrays.dataType(dtype)) {
            result = result.toType(DjlArrays.dataType(dtype), false);
        }
        return wrap(result.stopGradient(), out, dtype);
    }

    @Override
    public Tensor cast(Tensor x, DType dtype) {
        NDArray a = arg("cast", x);
        Objects.requireNonNull(dtype, "cast: dtype is null.");
        if (dtype == x.dtype()) {
            return wrap(a, x.shape(), dtype);
        }
        if (x.dtype().isFloating() && dtype.isFloating()) {
            // DJL's toType runs torch.to under a NoGradGuard, which would cut the gradient. torch.cumprod(x, dim, dtype)
            // converts first and is differentiable; over a new axis of size 1 it is exactly the conversion, and its
            // backward converts the gradient back.
            NDArray converted = JniUtils.cumProd((PtNDArray) a.expandDims(-1), -1, DjlArrays.dataType(dtype)).squeeze(-1);
            return wrap(converted, x.shape(), dtype);
        }
        // From or to INT32 nothing is differentiable, so the plain conversion is exact.
        return wrap(a.toType(DjlArrays.dataType(dtype), false), x.shape(), dtype);
    }

    // ---------------------------------------------------------------- composites with native kernels of identical semantics

    @Override
    public Tensor neg(Tensor x) {
        NDArray a = arg("neg", x);
        return wrap(a.neg(), x.shape(), x.dtype());
    }

    @Override
    public Tensor scale(Tensor x, double c) {
        if (!x.dtype().isFloating()) {
            return Ops.super.scale(x, c);
        }
        NDArray a = arg("scale", x);
        return wrap(a.mul(DjlArrays.scalarLike(a, c)), x.shape(), x.dtype());
    }

    @Override
    public Tensor square(Tensor x) {
        NDArray a = arg("square", x);
        return wrap(a.square(), x.shape(), x.dtype());
    }

    @Override
    public Tensor softmax(Tensor x, int axis) {
        NDArray a = arg("softmax", x);
        ShapeInference.requireFloating("softmax", x);
        return wrap(a.softmax(x.shape().normalizeAxis(axis)), x.shape(), x.dtype());
    }

    @Override
    public Tensor logSoftmax(Tensor x, int axis) {
        NDArray a = arg("logSoftmax", x);
        ShapeInference.requireFloating("logSoftmax", x);
        return wrap(a.logSoftmax(x.shape().normalizeAxis(axis)), x.shape(), x.dtype());
    }
}
