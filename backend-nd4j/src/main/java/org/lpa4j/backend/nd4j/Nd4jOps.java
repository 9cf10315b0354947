package org.lpa4j.backend.nd4j;

import java.util.ArrayList;
import java.util.List;
import org.lpa4j.api.backend.Capability;
import org.lpa4j.api.backend.UnsupportedCapabilityException;
import org.lpa4j.api.spi.AbstractOps;
import org.lpa4j.api.spi.BackendTensor;
import org.lpa4j.api.tensor.DType;
import org.lpa4j.api.tensor.HostTensor;
import org.lpa4j.api.tensor.Shape;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.controlflow.compat.StopGradient;
import org.nd4j.linalg.api.ops.impl.layers.convolution.config.Conv2DConfig;
import org.nd4j.linalg.api.ops.impl.layers.convolution.config.PaddingMode;
import org.nd4j.linalg.api.ops.impl.layers.convolution.config.Pooling2DConfig;

/**
 * The {@link org.lpa4j.api.ops.Ops} of one nd4j trace: each hook adds the SameDiff op with the neutral semantics to the
 * trace's graph, working around the SameDiff 1.0.0-M2.1 gradients that the conformance suite found wrong.
 */
final class Nd4jOps extends AbstractOps<SDVariable> {
    private final SameDiff sd;
    private final List<INDArray> constants = new ArrayList<>();

    Nd4jOps(SameDiff sd) {
        this.sd = sd;
    }

    /** Closes the native arrays of the constants this trace created. */
    void closeConstants() {
        constants.forEach(INDArray::close);
        constants.clear();
    }

    // ---------------------------------------------------------------- primitives

    @Override
    protected SDVariable constantNode(HostTensor value) {
        INDArray array = Nd4jArrays.toArray(value);
        constants.add(array);
        return sd.constant(array);
    }

    @Override
    protected SDVariable elementwiseNode(Elementwise op, BackendTensor<SDVariable> a, BackendTensor<SDVariable> b, Shape out,
            DType dtype) {
        return switch (op) {
            case ADD -> sd.math().add(a.node(), b.node());
            case SUB -> sd.math().sub(a.node(), b.node());
            case MUL -> sd.math().mul(a.node(), b.node());
            case DIV -> div(a, b, out);
        };
    }

    /**
     * SameDiff 1.0.0-M2.1's div gradient is wrong for a broadcast divisor (measured: the [2, 3] / scalar case of the
     * conformance suite). Both operands are first broadcast to the result shape by adding -0.0 (exact for every value,
     * -0.0 included), whose gradient is a correct sum over the broadcast axes; the division then has equal shapes.
     */
    private SDVariable div(BackendTensor<SDVariable> x, BackendTensor<SDVariable> y, Shape out) {
        SDVariable xv = x.node();
        SDVariable yv = y.node();
        if (!y.shape().equals(out)) {
            yv = sd.math().add(yv, negativeZerosLike(x.node(), y.node()));
        }
        if (!x.shape().equals(out)) {
            xv = sd.math().add(xv, negativeZerosLike(x.node(), y.node()));
        }
        return sd.math().div(xv, yv);
    }

    /** {@code -0.0} in the broadcast shape of {@code a} and {@code b}, with no gradient path. */
    private SDVariable negativeZerosLike(SDVariable a, SDVariable b) {
        return sd.math().neg(sd.math().add(sd.zerosLike(a), sd.zerosLike(b)));
    }

    @Override
    protected SDVariable unaryNode(Unary op, SDVariable x) {
        return switch (op) {
            case EXP -> sd.math().exp(x);
            case LOG -> sd.math().log(x);
            case SQRT -> sd.math().sqrt(x);
            case RELU -> sd.nn().relu(x, 0.0);
            case TANH -> sd.math().tanh(x);
            case SIN -> sd.math().sin(x);
        };
    }

    @Override
    protected SDVariable matmulNode(SDVariable a, SDVariable b, Shape out) {
        return sd.mmul(a, b);
    }

    @Override
    protected SDVariable reshapeNode(SDVariable x, Shape out) {
        return sd.reshape(x, Nd4jArrays.longs(out.dims()));
    }

    @Override
    protected SDVariable transposeNode(SDVariable x, int[] perm) {
        return sd.permute(x, perm);
    }

    @Override
    protected SDVariable concatNode(List<SDVariable> xs, int axis) {
        return sd.concat(axis, xs.toArray(new SDVariable[0]));
    }

    @Override
    protected SDVariable sliceNode(BackendTensor<SDVariable> x, int axis, int start, int length) {
        int[] begin = new int[x.shape().rank()];
        int[] size = new int[x.shape().rank()];
        java.util.Arrays.fill(size, -1);
        begin[axis] = start;
        size[axis] = length;
        return sd.slice(x.node(), begin, size);
    }

    @Override
    protected SDVariable gatherNode(BackendTensor<SDVariable> table, SDVariable indices, Shape out) {
        // SameDiff 1.0.0-M2.1's gather gradient drops repeated indices and mis-handles multi-dimensional indices
        // (measured with the conformance suite), so the lookup is a one-hot matrix product: exact values, and a table
        // gradient that accumulates over repeated indices through matmul's gradient.
        if (table.shape().dim(0) == Shape.UNKNOWN) {
            // The one-hot needs the table's row count when the program is built.
            throw new UnsupportedCapabilityException(Nd4jBackendProvider.NAME, Capability.GATHER, "ND4J gathers from a table whose row count is"
                    + " fixed when the program is compiled, and this table's is known only at run time (" + table.shape() + ")");
        }
        SDVariable flat = sd.reshape(indices, -1);
        SDVariable oneHot = sd.oneHot(flat, table.shape().dim(0), -1, 1.0, 0.0, Nd4jArrays.dataType(table.dtype()));
        SDVariable rows = sd.mmul(oneHot, table.node());
        int[] dims = out.dims();
        if (!out.isFullyKnown()) {
            dims[0] = -1;
        }
        return sd.reshape(rows, Nd4jArrays.longs(dims));
    }

    @Override
    protected SDVariable reduceNode(Reduction op, BackendTensor<SDVariable> x, int[] axes, boolean keepDims, Shape out) {
        boolean mayReduceOnlyOnes = true;
        for (int a : axes) {
            int size = x.shape().dim(a);
            mayReduceOnlyOnes &= size == 1 || size == Shape.UNKNOWN;
        }
        if (!mayReduceOnlyOnes) {
            return reduceNative(op, x.node(), keepDims, axes);
        }
        // ND4J 1.0.0-M2.1's legacy reductions fail (NullPointerException in BaseReduceOp.noOp) when every reduced
        // axis has size 1 at run time, e.g. a mean over the batch axis with batch size 1. A new trailing axis of
        // size 2 is added to the reduction: x and a neutral partner (0 for sum, x itself for mean, -inf for max).
        SDVariable in = x.node();
        int r = x.shape().rank();
        SDVariable partner = switch (op) {
            case SUM -> sd.zerosLike(in);
            case MEAN -> in;
            case MAX -> sd.math().add(sd.zerosLike(in), constantNode(HostTensor.scalar(x.dtype(), Double.NEGATIVE_INFINITY)));
        };
        // A reshape, not expandDims: expandDims of a [1, 1] tensor does not give [1, 1, 1] at run time, and concat fails.
        long[] withAxis = Nd4jArrays.longs(java.util.Arrays.copyOf(x.shape().dims(), r + 1));
        withAxis[r] = 1;
        SDVariable widenedInput = sd.concat(r, sd.reshape(in, withAxis), sd.reshape(partner, withAxis));
        int[] widened = java.util.Arrays.copyOf(axes, axes.length + 1);
        widened[axes.length] = r;
        SDVariable result = reduceNative(op, widenedInput, keepDims, widened);
        return keepDims ? sd.squeeze(result, r) : result;
    }

    private SDVariable reduceNative(Reduction op, SDVariable in, boolean keepDims, int[] axes) {
        return switch (op) {
            case SUM -> sd.sum(in, keepDims, axes);
            case MEAN -> sd.mean(in, keepDims, axes);
            case MAX -> sd.max(in, keepDims, axes);
        };
    }

    @Override
    protected SDVariable conv2dNode(SDVariable x, BackendTensor<SDVariable> kernel, int strideH, int strideW, int padH, int padW) {
        Shape ks = kernel.shape();
        Conv2DConfig config = Conv2DConfig.builder().kH(ks.dim(2)).kW(ks.dim(3)).sH(strideH).sW(strideW).pH(padH).pW(padW)
                .dH(1).dW(1).paddingMode(PaddingMode.VALID).dataFormat(Conv2DConfig.NCHW).build();
        // lpa4j kernels are [O, C, kh, kw]; ND4J's default weight layout is [kh, kw, C, O].
        return sd.cnn().conv2d(x, sd.permute(kernel.node(), 2, 3, 1, 0), config);
    }

    @Override
    protected SDVariable poolNode(Pooling op, SDVariable x, int kernelH, int kernelW, int strideH, int strideW) {
        Pooling2DConfig config = Pooling2DConfig.builder().kH(kernelH).kW(kernelW).sH(strideH).sW(strideW).pH(0).pW(0)
                .dH(1).dW(1).paddingMode(PaddingMode.VALID).isNHWC(false).build();
        return switch (op) {
            case MAX -> sd.cnn().maxPooling2d(x, config);
            case AVG -> sd.cnn().avgPooling2d(x, config);
        };
    }

    @Override
    protected SDVariable stopGradientNode(SDVariable x) {
        return new StopGradient(sd, x).outputVariable();
    }

    @Override
    protected SDVariable oneHotNode(SDVariable indices, int depth, DType dtype) {
        return sd.oneHot(indices, depth, -1, 1.0, 0.0, Nd4jArrays.dataType(dtype));
    }

    @Override
    protected SDVariable castNode(SDVariable x, DType from, DType to) {
        return sd.castTo(x, Nd4jArrays.dataType(to));
    }
}
