package org.lpa4j.onnx;

import ai.onnx.proto.OnnxMl.AttributeProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import ai.onnx.proto.OnnxMl.TensorShapeProto;
import ai.onnx.proto.OnnxMl.TypeProto;
import ai.onnx.proto.OnnxMl.ValueInfoProto;
import com.google.protobuf.ByteString;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.lpa4j.api.compile.InputSpec;
import org.lpa4j.api.tensor.DType;
import org.lpa4j.api.tensor.HostTensor;
import org.lpa4j.api.tensor.Shape;

/** How lpa4j's element types, host tensors, shapes and attributes are written in ONNX's protobuf messages. */
final class OnnxTypes {
    /** The ONNX operator set every exported graph imports. */
    static final int OPSET = 17;
    /** The ONNX IR version of every exported file (IR 8 goes with opset 17). */
    static final int IR_VERSION = 8;
    /** The name of the symbolic batch dimension of every input and output. */
    static final String BATCH = "batch";

    private OnnxTypes() {
    }

    static TensorProto.DataType dataType(DType dtype) {
        return switch (dtype) {
            case FLOAT32 -> TensorProto.DataType.FLOAT;
            case FLOAT64 -> TensorProto.DataType.DOUBLE;
            case INT32 -> TensorProto.DataType.INT32;
        };
    }

    /** {@code value} as a tensor named {@code name}, its data little-endian in {@code raw_data}. */
    static TensorProto tensor(String name, HostTensor value) {
        ByteBuffer bytes = ByteBuffer.allocate(value.size() * value.dtype().byteSize()).order(ByteOrder.LITTLE_ENDIAN);
        switch (value.dtype()) {
            case FLOAT32 -> bytes.asFloatBuffer().put(value.toFloatArray());
            case FLOAT64 -> bytes.asDoubleBuffer().put(value.toDoubleArray());
            case INT32 -> bytes.asIntBuffer().put(value.toIntArray());
        }
        TensorProto.Builder t = TensorProto.newBuilder().setName(name).setDataType(dataType(value.dtype()).getNumber())
                .setRawData(ByteString.copyFrom(bytes.array()));
        for (int d : value.shape().dims()) {
            t.addDims(d);
        }
        return t.build();
    }

    /** An INT64 vector named {@code name}. */
    static TensorProto longs(String name, long... values) {
        return TensorProto.newBuilder().setName(name).setDataType(TensorProto.DataType.INT64.getNumber()).addDims(values.length)
                .addAllInt64Data(java.util.Arrays.stream(values).boxed().toList()).build();
    }

    static AttributeProto attribute(String name, long value) {
        return AttributeProto.newBuilder().setName(name).setType(AttributeProto.AttributeType.INT).setI(value).build();
    }

    static AttributeProto ints(String name, int... values) {
        AttributeProto.Builder a = AttributeProto.newBuilder().setName(name).setType(AttributeProto.AttributeType.INTS);
        for (int v : values) {
            a.addInts(v);
        }
        return a.build();
    }

    /** A graph input or output: its name, element type and shape, an unknown leading dimension as {@value #BATCH}. */
    static ValueInfoProto valueInfo(String name, DType dtype, Shape shape) {
        return valueInfo(name, dtype, shape, BATCH);
    }

    /** A graph input of {@code spec}: an input of rows has a symbolic length of its own ({@code <name>_rows}), not the batch. */
    static ValueInfoProto valueInfo(InputSpec spec) {
        return valueInfo(spec.name(), spec.dtype(), spec.shape(), spec.ownLength() ? spec.name() + "_rows" : BATCH);
    }

    private static ValueInfoProto valueInfo(String name, DType dtype, Shape shape, String unknown) {
        TensorShapeProto.Builder s = TensorShapeProto.newBuilder();
        for (int i = 0; i < shape.rank(); i++) {
            int d = shape.dim(i);
            s.addDim(d == Shape.UNKNOWN ? TensorShapeProto.Dimension.newBuilder().setDimParam(unknown)
                    : TensorShapeProto.Dimension.newBuilder().setDimValue(d));
        }
        TypeProto type = TypeProto.newBuilder().setTensorType(TypeProto.Tensor.newBuilder()
                .setElemType(dataType(dtype).getNumber()).setShape(s)).build();
        return ValueInfoProto.newBuilder().setName(name).setType(type).build();
    }
}
