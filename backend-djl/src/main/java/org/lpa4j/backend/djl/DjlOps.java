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
import org.lpa4j.api.spi.AbstractOps;
import org.lpa4j.api.spi.BackendTensor;
import org.lpa4j.api.tensor.DType;
import org.lpa4j.api.tensor.HostTensor;
import org.lpa4j.api.tensor.Shape;
import org.lpa4j.api.tensor.Tensor;

/**
 * The operations of one eager call of a traced function, run immediately on PyTorch: each hook is the PyTorch op with
 * the neutral semantics, called after {@link AbstractOps} has checked the operands and inferred the shape.
 */
final class DjlOps extends AbstractOps<NDArray> {
    private final NDManager manager;

    DjlOps(NDManager manager) {
        this.manager = manager;
    }

    NDManager manager() {
        return manager;
    }

    private static NDArrayEx ex(NDArray a) {
        return a.getNDArrayInternal();
    }

    private static ai.djl.ndarray.types.Shape pair(int a, int b) {
        return new ai.djl.ndarray.types.Shape(a, b);
    }

    // ---------------------------------------------------------------- primitives

    @Override
    protected NDArray constantNode(HostTensor value) {
        return DjlArrays.toArray(manager, value);
    }

    @Override
    protected NDArray elementwiseNode(Elementwise op, BackendTensor<NDArray> a, BackendTensor<NDArray> b, Shape out, DType dtype) {
        NDArray x = a.node();
        NDArray y = b.node();
        return switch (op) {
            case ADD -> x.add(y);
            case SUB -> x.sub(y);
            case MUL -> x.mul(y);
            // PyTorch's true division promotes integers to floats; keep the neutral type (truncated toward zero).
            case DIV -> dtype == DType.INT32 ? x.div(y).toType(DataType.INT32, false) : x.div(y);
        };
    }

    @Override
    protected NDArray unaryNode(Unary op, NDArray x) {
        return switch (op) {
            case EXP -> x.exp();
            case LOG -> x.log();
            case SQRT -> x.sqrt();
            // torch.relu: its backward (threshold_backward) passes the gradient only where the output is > 0, so 0 at 0.
            case RELU -> ex(x).relu();
            case TANH -> x.tanh();
            case SIN -> x.sin();
        };
    }

    @Override
    protected NDArray matmulNode(NDArray a, NDArray b, Shape out) {
        return a.matMul(b);
    }

    @Override
    protected NDArray reshapeNode(NDArray x, Shape out) {
        return x.reshape(DjlArrays.shape(out));
    }

    @Override
    protected NDArray transposeNode(NDArray x, int[] perm) {
        return x.transpose(perm);
    }

    @Override
    protected NDArray concatNode(List<NDArray> xs, int axis) {
        return NDArrays.concat(new NDList(xs), axis);
    }

    @Override
    protected NDArray sliceNode(BackendTensor<NDArray> x, int axis, int start, int length) {
        NDIndex index = new NDIndex();
        if (axis > 0) {
            index.addAllDim(axis);
        }
        index.addSliceDim(start, (long) start + length);
        return x.node().get(index);
    }

    @Override
    protected NDArray gatherNode(BackendTensor<NDArray> table, NDArray indices, Shape out) {
        // torch.embedding(weight, indices): row lookup whose gradient flows to the table only.
        NDArray t = table.node();
        return ex(t).embedding(indices, t, SparseFormat.DENSE).singletonOrThrow();
    }

    @Override
    protected NDArray reduceNode(Reduction op, BackendTensor<NDArray> x, int[] axes, boolean keepDims, Shape out) {
        NDArray a = x.node();
        return switch (op) {
            case SUM -> {
                NDArray s = a.sum(axes, keepDims);
                // PyTorch sums integers into int64; keep the neutral element type.
                yield s.getDataType() == a.getDataType() ? s : s.toType(a.getDataType(), false);
            }
            case MEAN -> mean(a, axes, keepDims, out);
            case MAX -> {
                if (axes.length == 1) {
                    yield a.max(axes, keepDims);
                }
                // torch.max(dim) takes one axis: reduce the axes one at a time (keeping them), then drop them if asked.
                NDArray m = a;
                for (int i = axes.length - 1; i >= 0; i--) {
                    m = m.max(new int[] {axes[i]}, true);
                }
                yield keepDims ? m : m.squeeze(axes);
            }
        };
    }

    /** DJL's PyTorch mean takes one axis or all: otherwise the sum is divided by the run-time count of reduced elements. */
    private static NDArray mean(NDArray a, int[] axes, boolean keepDims, Shape out) {
        if (axes.length == 1) {
            return a.mean(axes, keepDims);
        }
        if (axes.length == a.getShape().dimension()) {
            NDArray all = a.mean();
            return keepDims ? all.reshape(DjlArrays.shape(out)) : all;
        }
        long count = 1;
        for (int axis : axes) {
            count *= a.getShape().get(axis);
        }
        NDArray sum = a.sum(axes, keepDims);
        return sum.div(DjlArrays.scalarLike(sum, count));
    }

    @Override
    protected NDArray conv2dNode(NDArray x, BackendTensor<NDArray> kernel, int strideH, int strideW, int padH, int padW) {
        return ex(x).convolution(x, kernel.node(), null, pair(strideH, strideW), pair(padH, padW), pair(1, 1), 1).singletonOrThrow();
    }

    @Override
    protected NDArray poolNode(Pooling op, NDArray x, int kernelH, int kernelW, int strideH, int strideW) {
        return switch (op) {
            case MAX -> ex(x).maxPool(pair(kernelH, kernelW), pair(strideH, strideW), pair(0, 0), false);
            case AVG -> ex(x).avgPool(pair(kernelH, kernelW), pair(strideH, strideW), pair(0, 0), false, true);
        };
    }

    @Override
    protected NDArray stopGradientNode(NDArray x) {
        return x.stopGradient();
    }

    @Override
    protected NDArray oneHotNode(NDArray indices, int depth, DType dtype) {
        // torch.one_hot needs int64 indices; the result is converted to the requested type.
        NDArray result = indices.toType(DataType.INT64, false).oneHot(depth, DjlArrays.dataType(dtype));
        if (result.getDataType() != DjlArrays.dataType(dtype)) {
            result = result.toType(DjlArrays.dataType(dtype), false);
        }
        return result.stopGradient();
    }

    @Override
    protected NDArray castNode(NDArray x, DType from, DType to) {
        if (from.isFloating() && to.isFloating()) {
            // DJL's toType runs torch.to under a NoGradGuard, which would cut the gradient. torch.cumprod(x, dim, dtype)
            // converts first and is differentiable; over a new axis of size 1 it is exactly the conversion, and its
            // backward converts the gradient back.
            return JniUtils.cumProd((PtNDArray) x.expandDims(-1), -1, DjlArrays.dataType(to)).squeeze(-1);
        }
        // From or to INT32 nothing is differentiable, so the plain conversion is exact.
        return x.toType(DjlArrays.dataType(to), false);
    }

    // ---------------------------------------------------------------- composites with native kernels of identical semantics

    @Override
    public Tensor neg(Tensor x) {
        return sameShape("neg", x, NDArray::neg);
    }

    @Override
    public Tensor scale(Tensor x, double c) {
        if (!operand("scale", x).dtype().isFloating()) {
            return super.scale(x, c);
        }
        return sameShape("scale", x, a -> a.mul(DjlArrays.scalarLike(a, c)));
    }

    @Override
    public Tensor square(Tensor x) {
        return sameShape("square", x, NDArray::square);
    }

    @Override
    public Tensor softmax(Tensor x, int axis) {
        return sameShapeFloating("softmax", x, a -> a.softmax(x.shape().normalizeAxis(axis)));
    }

    @Override
    public Tensor logSoftmax(Tensor x, int axis) {
        return sameShapeFloating("logSoftmax", x, a -> a.logSoftmax(x.shape().normalizeAxis(axis)));
    }
}
