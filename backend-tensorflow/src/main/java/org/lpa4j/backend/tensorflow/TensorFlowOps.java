package org.lpa4j.backend.tensorflow;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
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
 * {@link #poolNode} work on the NHWC twins of their NCHW inputs ({@link TensorFlowLayout}), and element-wise ops,
 * casts and reductions of a value that has a twin work on the twin too, so consecutive convolutions (with their bias,
 * activation and residual sum between them) transpose nothing between them. Conv2d's symmetric zero padding is SAME
 * padding where the two agree (stride 1, a kernel of twice the padding plus one), otherwise an explicit {@code Pad} node
 * followed by a VALID convolution; a per-channel bias is a {@code BiasAdd}, which Grappler fuses into the convolution.
 */
final class TensorFlowOps extends AbstractOps<Output<?>> {
    private final TensorFlowNodes nodes;
    private final TensorFlowLayout layout;
    /** The 2-D product of each patchify convolution's NCHW result ({@link #patchConv}), for its bias to join the product. */
    private final Map<Output<?>, Output<?>> patchProducts = new HashMap<>();

    TensorFlowOps(TensorFlowNodes nodes) {
        this.nodes = nodes;
        this.layout = new TensorFlowLayout(nodes);
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
        if (op == Elementwise.ADD) {
            Output<?> biased = channelBias(a, b);
            if (biased == null) {
                biased = channelBias(b, a);
            }
            if (biased != null) {
                return biased;
            }
        }
        // Two rank-4 operands broadcast the same way in either layout, so the op runs on the NHWC twins when one has one.
        if (a.shape().rank() == 4 && b.shape().rank() == 4 && (layout.hasNhwc(a.node()) || layout.hasNhwc(b.node()))) {
            return layout.nchw(nodes.op(type, layout.nhwc(a.node()), layout.nhwc(b.node())));
        }
        return nodes.op(type, a.node(), b.node());
    }

    /**
     * A convolution's result plus a per-channel bias {@code [1, C, 1, 1]} as a {@code BiasAdd}: on a patchify convolution's
     * 2-D product, or on the NHWC twin of any other value that has one. Grappler fuses a {@code BiasAdd} into the product or
     * convolution before it (and a convolution's following ReLU or residual sum too), where an {@code AddV2} would be a pass
     * of its own that the arithmetic optimizer may also regroup with the residual sum. Null when {@code conv} is neither or
     * {@code bias} not such a bias.
     */
    private Output<?> channelBias(BackendTensor<Output<?>> conv, BackendTensor<Output<?>> bias) {
        int[] c = conv.shape().dims();
        int[] b = bias.shape().dims();
        if (conv.dtype() != bias.dtype() || c.length != 4 || b.length != 4 || b[0] != 1 || b[1] != c[1] || b[2] != 1 || b[3] != 1) {
            return null;
        }
        Output<?> product = patchProducts.get(conv.node());
        Output<?> perChannel = nodes.op("Reshape", bias.node(), nodes.ints(c[1]));
        if (product != null) {
            Output<?> sum = nodes.op("BiasAdd", product, perChannel);
            return layout.nchw(nodes.op("Reshape", sum, nodes.ints(-1, c[2], c[3], c[1])));
        }
        return layout.hasNhwc(conv.node()) ? layout.nchw(nodes.op("BiasAdd", layout.nhwc(conv.node()), perChannel)) : null;
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
        return layout.hasNhwc(x) ? layout.nchw(nodes.op(type, layout.nhwc(x))) : nodes.op(type, x);
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
        Arrays.fill(size, -1);
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
        if (x.shape().rank() == 4 && layout.hasNhwc(x.node())) {
            Output<?> reduced = nhwcReduction(type, layout.nhwc(x.node()), axes, keepDims);
            if (reduced != null) {
                return reduced;
            }
        }
        return nodes.reduce(type, x.node(), axes, keepDims);
    }

    /**
     * The reduction over NCHW {@code axes} computed on the NHWC twin, or null when its result's axes would come out in
     * another order than NCHW's (reducing the batch axis alone, say).
     */
    private Output<?> nhwcReduction(String type, Output<?> nhwc, int[] axes, boolean keepDims) {
        boolean[] reduced = new boolean[4];
        int[] twinAxes = new int[axes.length];
        for (int i = 0; i < axes.length; i++) {
            reduced[axes[i]] = true;
            twinAxes[i] = TensorFlowLayout.TO_NCHW[axes[i]];
        }
        if (keepDims) {
            return layout.nchw(nodes.reduce(type, nhwc, twinAxes, true));
        }
        int last = -1;
        for (int twinAxis = 0; twinAxis < 4; twinAxis++) {
            int axis = TensorFlowLayout.TO_NHWC[twinAxis];
            if (!reduced[axis]) {
                if (axis < last) {
                    return null;
                }
                last = axis;
            }
        }
        return nodes.reduce(type, nhwc, twinAxes, false);
    }

    @Override
    protected Output<?> conv2dNode(Output<?> x, BackendTensor<Output<?>> kernel, int strideH, int strideW, int padH, int padW) {
        // A value with an NHWC twin (a convolution's result) goes to Conv2D as it is: the product would read its NCHW form.
        Output<?> patches = layout.hasNhwc(x) ? null : patchConv(x, kernel, strideH, strideW, padH, padW);
        if (patches != null) {
            return patches;
        }
        Output<?> nhwc = layout.nhwc(x);
        int[] k = kernel.shape().dims();
        // Stride 1 with a kernel of 2 * pad + 1 is TensorFlow's SAME padding exactly: no Pad node, no copy of the input.
        boolean same = (padH > 0 || padW > 0) && strideH == 1 && strideW == 1 && k[2] == 2 * padH + 1 && k[3] == 2 * padW + 1;
        if ((padH > 0 || padW > 0) && !same) {
            int[] pads = {0, 0, padH, padH, padW, padW, 0, 0};
            nhwc = nodes.op("Pad", nhwc, nodes.constant(HostTensor.ofInts(Shape.of(4, 2), pads)));
        }
        Output<?> hwio = nodes.transpose(kernel.node(), 2, 3, 1, 0);
        Output<?> conv = nodes.builder("Conv2D").addInput(nhwc).addInput(hwio).setAttr("strides", new long[] {1, strideH, strideW, 1})
                .setAttr("padding", same ? "SAME" : "VALID").build().output(0);
        return layout.nchw(conv);
    }

    /**
     * A convolution whose stride is its kernel and that has no padding (a patchify stem) as one matrix product of the
     * image's patches with the kernel, or null for any other convolution or when the image's size is not static and a
     * multiple of the kernel. TensorFlow's Conv2D is slow on a one-channel image with a large stride (docs/serving.md measures
     * it), and the product needs no kernel transpose.
     */
    private Output<?> patchConv(Output<?> x, BackendTensor<Output<?>> kernel, int strideH, int strideW, int padH, int padW) {
        int[] k = kernel.shape().dims();
        int out = k[0];
        int ph = k[2];
        int pw = k[3];
        org.tensorflow.ndarray.Shape s = x.shape();
        if (strideH != ph || strideW != pw || padH != 0 || padW != 0 || s.isUnknown() || s.numDimensions() != 4) {
            return null;
        }
        long c = s.size(1);
        long h = s.size(2);
        long w = s.size(3);
        if (c < 0 || h < 0 || w < 0 || h % ph != 0 || w % pw != 0) {
            return null;
        }
        int gh = (int) h / ph;
        int gw = (int) w / pw;
        int patch = (int) c * ph * pw;
        // [N, C, H, W] -> [N, gh, gw, C, ph, pw]: each row of the product is one patch, in the kernel's (C, ph, pw) order.
        Output<?> grid = nodes.op("Reshape", x, nodes.ints(-1, (int) c, gh, ph, gw, pw));
        Output<?> rows = nodes.op("Reshape", nodes.transpose(grid, 0, 2, 4, 1, 3, 5), nodes.ints(-1, patch));
        Output<?> flatKernel = nodes.op("Reshape", kernel.node(), nodes.ints(out, patch));
        Output<?> product = nodes.builder("MatMul").addInput(rows).addInput(flatKernel).setAttr("transpose_b", true).build().output(0);
        Output<?> nchw = layout.nchw(nodes.op("Reshape", product, nodes.ints(-1, gh, gw, out)));
        patchProducts.put(nchw, product);
        return nchw;
    }

    @Override
    protected Output<?> poolNode(Pooling op, Output<?> x, int kernelH, int kernelW, int strideH, int strideW) {
        String type = switch (op) {
            case MAX -> "MaxPool";
            case AVG -> "AvgPool";
        };
        Output<?> nhwc = layout.nhwc(x);
        Output<?> pooled = nodes.builder(type).addInput(nhwc).setAttr("ksize", new long[] {1, kernelH, kernelW, 1})
                .setAttr("strides", new long[] {1, strideH, strideW, 1}).setAttr("padding", "VALID").build().output(0);
        return layout.nchw(pooled);
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
        return layout.hasNhwc(x) ? layout.nchw(nodes.cast(layout.nhwc(x), to)) : nodes.cast(x, to);
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
