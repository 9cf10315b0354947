package org.lpa4j.onnx;

import ai.onnx.proto.OnnxMl.AttributeProto;
import ai.onnx.proto.OnnxMl.GraphProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import java.util.Arrays;
import java.util.List;
import org.lpa4j.api.spi.AbstractOps;
import org.lpa4j.api.spi.BackendTensor;
import org.lpa4j.api.tensor.DType;
import org.lpa4j.api.tensor.HostTensor;
import org.lpa4j.api.tensor.Shape;

/**
 * The {@link org.lpa4j.api.ops.Ops} of one ONNX trace: every primitive appends ONNX nodes (opset
 * {@value OnnxTypes#OPSET}) to a graph, and a tensor is the name of the value it computes. Constants become initializers;
 * the shared {@link AbstractOps} checks make an ill-formed call fail while tracing, as on every engine.
 */
public final class OnnxOps extends AbstractOps<String> {
    private final GraphProto.Builder graph;
    private int counter;

    /** Ops that append to {@code graph}. */
    OnnxOps(GraphProto.Builder graph) {
        this.graph = graph;
    }

    /** A fresh value name, never a parameter's or an input's (those never start with {@code _}). */
    private String fresh(String hint) {
        return "_" + hint + "_" + (counter++);
    }

    /** Appends a node of {@code opType} on {@code inputs} with {@code attributes}, and returns its one output's name. */
    private String node(String opType, List<String> inputs, AttributeProto... attributes) {
        String out = fresh(opType);
        graph.addNode(NodeProto.newBuilder().setOpType(opType).setName(out).addAllInput(inputs).addOutput(out)
                .addAllAttribute(Arrays.asList(attributes)));
        return out;
    }

    private String node(String opType, String input, AttributeProto... attributes) {
        return node(opType, List.of(input), attributes);
    }

    /** An initializer holding {@code value}, named freshly. */
    private String initializer(String hint, HostTensor value) {
        String name = fresh(hint);
        graph.addInitializer(OnnxTypes.tensor(name, value));
        return name;
    }

    /** An INT64 vector initializer: shapes, axes, starts and ends. */
    private String longs(String hint, long... values) {
        String name = fresh(hint);
        graph.addInitializer(OnnxTypes.longs(name, values));
        return name;
    }

    /** {@code value}'s graph name as an identity under {@code name}: how graph outputs get their public names. */
    void output(String value, String name) {
        graph.addNode(NodeProto.newBuilder().setOpType("Identity").setName(name).addInput(value).addOutput(name));
    }

    @Override
    protected String constantNode(HostTensor value) {
        return initializer("const", value);
    }

    @Override
    protected String elementwiseNode(Elementwise op, BackendTensor<String> a, BackendTensor<String> b, Shape out, DType dtype) {
        String type = switch (op) {
            case ADD -> "Add";
            case SUB -> "Sub";
            case MUL -> "Mul";
            case DIV -> "Div";
        };
        return node(type, List.of(a.node(), b.node()));
    }

    @Override
    protected String unaryNode(Unary op, String x) {
        String type = switch (op) {
            case EXP -> "Exp";
            case LOG -> "Log";
            case SQRT -> "Sqrt";
            case RELU -> "Relu";
            case TANH -> "Tanh";
            case SIN -> "Sin";
        };
        return node(type, x);
    }

    @Override
    protected String matmulNode(String a, String b, Shape out) {
        return node("MatMul", List.of(a, b));
    }

    @Override
    protected String reshapeNode(String x, Shape out) {
        return node("Reshape", List.of(x, longs("shape", toLongs(out.dims()))));
    }

    @Override
    protected String transposeNode(String x, int[] perm) {
        return node("Transpose", x, OnnxTypes.ints("perm", perm));
    }

    @Override
    protected String concatNode(List<String> xs, int axis) {
        return node("Concat", xs, OnnxTypes.attribute("axis", axis));
    }

    @Override
    protected String sliceNode(BackendTensor<String> x, int axis, int start, int length) {
        return node("Slice", List.of(x.node(), longs("starts", start), longs("ends", start + length), longs("axes", axis)));
    }

    @Override
    protected String gatherNode(BackendTensor<String> table, String indices, Shape out) {
        return node("Gather", List.of(table.node(), indices), OnnxTypes.attribute("axis", 0));
    }

    @Override
    protected String reduceNode(Reduction op, BackendTensor<String> x, int[] axes, boolean keepDims, Shape out) {
        if (op == Reduction.MEAN && isSpatialMean(x, axes)) {
            // GlobalAveragePool, which ONNX Runtime runs in its blocked (NCHWc) layout after NCHWc convolutions: a ReduceMean
            // would first reorder the whole NCHWc state back to NCHW.
            String pooled = node("GlobalAveragePool", x.node());
            return keepDims ? pooled : node("Flatten", pooled, OnnxTypes.attribute("axis", 1));
        }
        AttributeProto keep = OnnxTypes.attribute("keepdims", keepDims ? 1 : 0);
        return switch (op) {
            // Opset 13 moved ReduceSum's axes into an input; ReduceMean and ReduceMax keep an attribute until opset 18.
            case SUM -> node("ReduceSum", List.of(x.node(), longs("axes", toLongs(axes))), keep);
            case MEAN -> node("ReduceMean", x.node(), OnnxTypes.ints("axes", axes), keep);
            case MAX -> node("ReduceMax", x.node(), OnnxTypes.ints("axes", axes), keep);
        };
    }

    /** Whether {@code axes} are the two spatial axes of a FLOAT32 NCHW {@code x}: the mean GlobalAveragePool computes. */
    private static boolean isSpatialMean(BackendTensor<String> x, int[] axes) {
        return x.shape().rank() == 4 && x.dtype() == DType.FLOAT32 && axes.length == 2 && axes[0] == 2 && axes[1] == 3;
    }

    @Override
    protected String conv2dNode(String x, BackendTensor<String> kernel, int strideH, int strideW, int padH, int padW) {
        int[] k = kernel.shape().dims();
        return node("Conv", List.of(x, kernel.node()), OnnxTypes.ints("kernel_shape", k[2], k[3]),
                OnnxTypes.ints("strides", strideH, strideW), OnnxTypes.ints("pads", padH, padW, padH, padW));
    }

    @Override
    protected String poolNode(Pooling op, String x, int kernelH, int kernelW, int strideH, int strideW) {
        return node(op == Pooling.MAX ? "MaxPool" : "AveragePool", x, OnnxTypes.ints("kernel_shape", kernelH, kernelW),
                OnnxTypes.ints("strides", strideH, strideW));
    }

    @Override
    protected String stopGradientNode(String x) {
        return node("Identity", x);
    }

    /** {@code indices[..., None] == [0, 1, ..., depth-1]}, cast: ONNX's own OneHot has few kernels for INT32 indices. */
    @Override
    protected String oneHotNode(String indices, int depth, DType dtype) {
        int[] classes = new int[depth];
        Arrays.setAll(classes, i -> i);
        String expanded = node("Unsqueeze", List.of(indices, longs("axes", -1)));
        String equal = node("Equal", List.of(expanded, initializer("classes", HostTensor.ofInts(Shape.of(depth), classes))));
        return node("Cast", equal, OnnxTypes.attribute("to", OnnxTypes.dataType(dtype).getNumber()));
    }

    @Override
    protected String castNode(String x, DType from, DType to) {
        return node("Cast", x, OnnxTypes.attribute("to", OnnxTypes.dataType(to).getNumber()));
    }

    private static long[] toLongs(int[] values) {
        long[] out = new long[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = values[i];
        }
        return out;
    }
}
