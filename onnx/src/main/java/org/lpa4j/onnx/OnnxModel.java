package org.lpa4j.onnx;

import ai.onnx.proto.OnnxMl.ModelProto;
import java.io.IOException;
import java.io.OutputStream;
import java.util.List;
import org.lpa4j.api.compile.InputSpec;

/**
 * One traced ONNX model: the protobuf message, its inputs as given, and its outputs' names and inferred static shapes
 * (the leading -1 is the batch).
 */
public final class OnnxModel {
    private final ModelProto proto;
    private final List<InputSpec> inputs;
    private final List<String> outputNames;
    private final List<InputSpec> outputs;

    OnnxModel(ModelProto proto, List<InputSpec> inputs, List<String> outputNames, List<InputSpec> outputShapes) {
        this.proto = proto;
        this.inputs = List.copyOf(inputs);
        this.outputNames = List.copyOf(outputNames);
        this.outputs = List.copyOf(outputShapes);
    }

    /** The ONNX message. */
    public ModelProto proto() {
        return proto;
    }

    /** The serialized model, as an {@code .onnx} file holds it. */
    public byte[] toByteArray() {
        return proto.toByteArray();
    }

    /** Writes the serialized model to {@code out}. */
    public void writeTo(OutputStream out) throws IOException {
        proto.writeTo(out);
    }

    /** The graph inputs. */
    public List<InputSpec> inputs() {
        return inputs;
    }

    /** The graph outputs' names, in the function's order. */
    public List<String> outputNames() {
        return outputNames;
    }

    /** The graph outputs' element types and shapes, in the function's order. */
    public List<InputSpec> outputs() {
        return outputs;
    }
}
