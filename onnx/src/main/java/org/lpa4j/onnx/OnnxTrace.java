package org.lpa4j.onnx;

import ai.onnx.proto.OnnxMl.GraphProto;
import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.OperatorSetIdProto;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.lpa4j.api.Lpa4jException;
import org.lpa4j.api.compile.CompileChecks;
import org.lpa4j.api.compile.ForwardFunction;
import org.lpa4j.api.compile.InputSpec;
import org.lpa4j.api.params.ParameterSet;
import org.lpa4j.api.spi.BackendTensor;
import org.lpa4j.api.spi.TraceParameters;
import org.lpa4j.api.tensor.Tensor;

/**
 * Records a trace-compatible function as an ONNX model: one graph input per {@link InputSpec} (its leading -1 becomes
 * the symbolic dimension {@code batch}), every parameter the function reads as an initializer holding its value, and
 * the outputs under the names given. Any function on {@link org.lpa4j.api.ops.Ops} traces, whatever network it comes from.
 */
public final class OnnxTrace {
    private OnnxTrace() {
    }

    /**
     * The ONNX model of {@code function} on {@code inputs}, with {@code parameters}' values as initializers and its outputs
     * named {@code outputNames} (as many as it returns; distinct, and distinct from the input names).
     */
    public static OnnxModel trace(String graphName, List<InputSpec> inputs, ForwardFunction function, ParameterSet parameters,
            List<String> outputNames) {
        Objects.requireNonNull(function, "The function is null.");
        Objects.requireNonNull(parameters, "The parameters are null.");
        List<InputSpec> specs = CompileChecks.inputSpecs(inputs);
        GraphProto.Builder graph = GraphProto.newBuilder().setName(graphName);
        OnnxOps ops = new OnnxOps(graph);
        List<Tensor> in = new ArrayList<>(specs.size());
        for (InputSpec spec : specs) {
            graph.addInput(OnnxTypes.valueInfo(spec));
            in.add(ops.wrap(spec.name(), spec.shape(), spec.dtype()));
        }
        Set<String> inputNames = new HashSet<>();
        specs.forEach(s -> inputNames.add(s.name()));
        TraceParameters<String> params = new TraceParameters<>(ops, parameters, name -> {
            if (inputNames.contains(name) || name.startsWith("_")) {
                throw new OnnxExportException("Parameter '" + name + "' has the name of a graph input or starts with '_' (kept for the"
                        + " graph's own values); ONNX names every value once. Rename the parameter or the input.");
            }
            graph.addInitializer(OnnxTypes.tensor(name, parameters.get(name)));
            return name;
        });
        List<BackendTensor<String>> outputs = ops.callForward(function, params, in);
        List<String> names = outputNames(specs, outputNames, outputs.size());
        List<InputSpec> outputSpecs = new ArrayList<>(outputs.size());
        for (int i = 0; i < outputs.size(); i++) {
            BackendTensor<String> out = outputs.get(i);
            ops.output(out.node(), names.get(i));
            graph.addOutput(OnnxTypes.valueInfo(names.get(i), out.dtype(), out.shape()));
            outputSpecs.add(new InputSpec(names.get(i), out.dtype(), out.shape()));
        }
        ModelProto model = ModelProto.newBuilder().setIrVersion(OnnxTypes.IR_VERSION).setProducerName("lpa4j")
                .addOpsetImport(OperatorSetIdProto.newBuilder().setDomain("").setVersion(OnnxTypes.OPSET)).setGraph(graph).build();
        return new OnnxModel(model, specs, names, outputSpecs);
    }

    /** {@code count} output names: the given ones, checked, or {@code output_0, output_1, ...} when none are given. */
    private static List<String> outputNames(List<InputSpec> specs, List<String> given, int count) {
        List<String> names = new ArrayList<>();
        if (given == null || given.isEmpty()) {
            for (int i = 0; i < count; i++) {
                names.add("output_" + i);
            }
        } else if (given.size() != count) {
            throw new Lpa4jException("The function returns " + count + " outputs but " + given.size() + " output names were given ("
                    + given + "); give one name per output.");
        } else {
            names.addAll(given);
        }
        Set<String> seen = new HashSet<>();
        specs.forEach(s -> seen.add(s.name()));
        for (String name : names) {
            if (name == null || name.isEmpty() || name.startsWith("_") || !seen.add(name)) {
                throw new Lpa4jException("The output name '" + name + "' is empty, starts with '_' (kept for the graph's own values),"
                        + " or repeats an input or another output; inputs " + specs.stream().map(InputSpec::name).toList()
                        + ", outputs " + names + ".");
            }
        }
        return names;
    }
}
