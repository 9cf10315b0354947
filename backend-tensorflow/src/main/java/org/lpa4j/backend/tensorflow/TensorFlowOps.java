package org.lpa4j.backend.tensorflow;

import java.util.List;
import org.lpa4j.api.spi.AbstractOps;
import org.lpa4j.api.spi.BackendTensor;
import org.lpa4j.api.tensor.DType;
import org.lpa4j.api.tensor.HostTensor;
import org.lpa4j.api.tensor.Shape;
import org.lpa4j.api.tensor.Tensor;
import org.tensorflow.Output;

/**
 * The lpa4j {@link org.lpa4j.api.ops.Ops} for one trace: each hook adds the matching TensorFlow node to the store's
 * graph. Gradients come from the C++ gradient registry through {@code Graph.addGradients}; every primitive used here
 * has a registered gradient there (ConcatV2, Slice, GatherV2, Conv2D, MaxPool and AvgPool included), so no custom
 * gradient is registered.
 *
 * <p>TensorFlow's CPU kernels for Conv2D, MaxPool and AvgPool only support NHWC: {@link #conv2dNode} and
 * {@link #poolNode} transpose NCHW to NHWC and back inside the graph, and conv2d's symmetric zero padding is an
 * explicit {@code Pad} node followed by a VALID convolution.
 */
final class TensorFlowOps extends AbstractOps<Output<?>> {
    private final TensorFlowNodes nodes;

    TensorFlowOps(TensorFlowNodes nodes) {
        this.nodes = nodes;
    }

    // ---------------------------------------------------------------- primitives

    @Override
    protected Output<?> constantNode(HostTensor value) {
        return nodes.constant(value);
    }

    @Override
    protected Output<?> elementwiseNode(Elementwise op, BackendTensor<Output<?>> a, BackendTensor<Output<?>> b, Shape out,
            DType dtype) {
        String type = switch (op) {
            case ADD -> "AddV2";
            case SUB -> "Sub";
            case MUL -> "Mul";
            case DIV -> "RealDiv";
        };
        return nodes.op(type, a.node(), b.node());
    }

    @Override
    protected Output<?> unaryNode(Unary op, Output<?> x) {
        String type = switch (op) {
            case EXP -> "Exp";
            case LOG -> "Log";
            case SQRT -> "Sqrt";
            // TensorFlow's ReluGrad passes the gradient where x > 0 only, so the gradient at exactly 0 is 0.
            case RELU -> "Relu";
            case TANH -> "Tanh";
            case SIN -> "Sin";
        };
        return nodes.op(type, x);
    }

    @Override
    protected Output<?> matmulNode(Output<?> a, Output<?> b, Shape out) {
        return nodes.op(out.rank() == 2 ? "MatMul" : "BatchMatMulV2", a, b);
    }

    @Override
    protected Output<?> reshapeNode(Output<?> x, Shape out) {
        return nodes.op("Reshape", x, nodes.ints(out.dims()));
    }

    @Override
    protected Output<?> transposeNode(Output<?> x, int[] perm) {
        return nodes.transpose(x, perm);
    }

    @Override
    protected Output<?> concatNode(List<Output<?>> xs, int axis) {
        return nodes.builder("ConcatV2").addInputList(xs.toArray(new Output<?>[0])).addInput(nodes.intScalar(axis)).build().output(0);
    }

    @Override
    protected Output<?> sliceNode(BackendTensor<Output<?>> x, int axis, int start, int length) {
        int[] begin = new int[x.shape().rank()];
        int[] size = new int[x.shape().rank()];
        java.util.Arrays.fill(size, -1);
        begin[axis] = start;
        size[axis] = length;
        return nodes.op("Slice", x.node(), nodes.ints(begin), nodes.ints(size));
    }

    @Override
    protected Output<?> gatherNode(BackendTensor<Output<?>> table, Output<?> indices, Shape out) {
        return nodes.op("GatherV2", table.node(), indices, nodes.intScalar(0));
    }

    @Override
    protected Output<?> reduceNode(Reduction op, BackendTensor<Output<?>> x, int[] axes, boolean keepDims, Shape out) {
        String type = switch (op) {
            case SUM -> "Sum";
            case MEAN -> "Mean";
            case MAX -> "Max";
        };
        return nodes.reduce(type, x.node(), axes, keepDims);
    }

    @Override
    protected Output<?> conv2dNode(Output<?> x, BackendTensor<Output<?>> kernel, int strideH, int strideW, int padH, int padW) {
        Output<?> nhwc = nodes.transpose(x, 0, 2, 3, 1);
        if (padH > 0 || padW > 0) {
            int[] pads = {0, 0, padH, padH, padW, padW, 0, 0};
            nhwc = nodes.op("Pad", nhwc, nodes.constant(HostTensor.ofInts(Shape.of(4, 2), pads)));
        }
        Output<?> hwio = nodes.transpose(kernel.node(), 2, 3, 1, 0);
        Output<?> conv = nodes.builder("Conv2D").addInput(nhwc).addInput(hwio).setAttr("strides", new long[] {1, strideH, strideW, 1})
                .setAttr("padding", "VALID").build().output(0);
        return nodes.transpose(conv, 0, 3, 1, 2);
    }

    @Override
    protected Output<?> poolNode(Pooling op, Output<?> x, int kernelH, int kernelW, int strideH, int strideW) {
        String type = switch (op) {
            case MAX -> "MaxPool";
            case AVG -> "AvgPool";
        };
        Output<?> nhwc = nodes.transpose(x, 0, 2, 3, 1);
        Output<?> pooled = nodes.builder(type).addInput(nhwc).setAttr("ksize", new long[] {1, kernelH, kernelW, 1})
                .setAttr("strides", new long[] {1, strideH, strideW, 1}).setAttr("padding", "VALID").build().output(0);
        return nodes.transpose(pooled, 0, 3, 1, 2);
    }

    @Override
    protected Output<?> stopGradientNode(Output<?> x) {
        return nodes.op("StopGradient", x);
    }

    @Override
    protected Output<?> oneHotNode(Output<?> indices, int depth, DType dtype) {
        return nodes.builder("OneHot").addInput(indices).addInput(nodes.intScalar(depth)).addInput(nodes.scalar(1, dtype))
                .addInput(nodes.scalar(0, dtype)).setAttr("axis", -1L).build().output(0);
    }

    @Override
    protected Output<?> castNode(Output<?> x, DType from, DType to) {
        return nodes.cast(x, to);
    }

    // ---------------------------------------------------------------- composites with identical native ops

    /** {@code x * x} as TensorFlow's {@code Square} (same values, gradient {@code 2 x}). */
    @Override
    public Tensor square(Tensor x) {
        return sameShape("square", x, v -> nodes.op("Square", v));
    }

    /** {@code -x} as TensorFlow's {@code Neg}. */
    @Override
    public Tensor neg(Tensor x) {
        return sameShape("neg", x, v -> nodes.op("Neg", v));
    }
}
