package org.lpa4j.backend.onnxruntime;

import java.util.ArrayList;
import java.util.List;
import org.lpa4j.api.compile.ForwardFunction;
import org.lpa4j.api.compile.InputSpec;
import org.lpa4j.api.params.ParameterSet;
import org.lpa4j.onnx.OnnxModel;
import org.lpa4j.onnx.OnnxTrace;

/**
 * This backend's ops are ONNX nodes: a function is traced by {@link org.lpa4j.onnx.OnnxOps} (through {@link OnnxTrace}),
 * the one ONNX tracer of lpa4j, so what this backend runs is exactly what {@code lpa4j export} writes. Here the graph's
 * inputs and outputs get positional names, so that any input names a caller chose are valid.
 */
final class OnnxRuntimeOps {
    private OnnxRuntimeOps() {
    }

    /** The graph input name of input {@code i}. */
    static String inputName(int i) {
        return "lpa4j_input_" + i;
    }

    /** The model of {@code function} on {@code specs} with {@code values} as its weights. */
    static OnnxModel trace(List<InputSpec> specs, ForwardFunction function, ParameterSet values) {
        List<InputSpec> renamed = new ArrayList<>(specs.size());
        for (int i = 0; i < specs.size(); i++) {
            renamed.add(specs.get(i).withName(inputName(i)));
        }
        return OnnxTrace.trace("lpa4j", renamed, function, values, List.of());
    }
}
