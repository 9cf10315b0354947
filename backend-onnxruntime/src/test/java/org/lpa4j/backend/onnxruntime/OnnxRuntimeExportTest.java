package org.lpa4j.backend.onnxruntime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtSession;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lpa4j.api.backend.Backend;
import org.lpa4j.api.backend.Backends;
import org.lpa4j.api.data.OutputKind;
import org.lpa4j.api.data.TaskShape;
import org.lpa4j.api.io.FolderExistsException;
import org.lpa4j.api.model.ArchitectureOptions;
import org.lpa4j.api.model.Architectures;
import org.lpa4j.api.model.ProgressiveModel;
import org.lpa4j.api.model.ResidualNetwork;
import org.lpa4j.api.params.ParameterSet;
import org.lpa4j.api.tensor.DType;
import org.lpa4j.api.tensor.HostTensor;
import org.lpa4j.api.tensor.Shape;
import org.lpa4j.architectures.readout.AdaptedReadouts;
import org.lpa4j.conformance.Checks;
import org.lpa4j.conformance.reference.Fixtures;
import org.lpa4j.models.ModelManifest;
import org.lpa4j.models.Models;
import org.lpa4j.onnx.OnnxExport;

/**
 * A model saved from TensorFlow, exported as ONNX files, runs in a bare ONNX Runtime session (no lpa4j in the way) with
 * TensorFlow's outputs at every depth, the stem, block and head pieces chained give the same (each depth's own head for a
 * model with per-depth readouts), and the manifest carries
 * the labels and the exit policy.
 */
class OnnxRuntimeExportTest {
    private static final TaskShape TASK = new TaskShape(new int[] {1, 8, 8}, false, 0, 3, OutputKind.CLASSES);

    @TempDir
    Path dir;

    @Test
    void exportedFiles_runInABareSessionWithTheTrainingEnginesOutputs_andTheManifestCarriesLabelsAndExitPolicy() throws Exception {
        ResidualNetwork resnet = Architectures.discover().create("resnet", TASK, ArchitectureOptions.of(3, 8));
        check(resnet, ParameterSet.initialize(resnet.parameters(), 4, DType.FLOAT32), "plain");
        // Each depth read its own way: an adapter with a rank-2 map and a pooling of its own (both made non-trivial here) and a
        // temperature per depth.
        ResidualNetwork adapted = AdaptedReadouts.withTemperatures(AdaptedReadouts.withAdapter(resnet, 2, true), new double[] {1.5, 0.7, 2});
        ParameterSet params = ParameterSet.initialize(adapted.parameters(), 4, DType.FLOAT32);
        for (String name : params.names()) {
            if (name.endsWith(".up") || name.endsWith(".pool")) {
                params = params.with(name, HostTensor.fromDoubles(DType.FLOAT32, params.get(name).shape(), Fixtures.uniform(5,
                        params.get(name).shape(), -1, 1)));
            }
        }
        check(adapted, params, "adapted");
    }

    private void check(ResidualNetwork network, ParameterSet parameters, String name) throws Exception {
        boolean perDepth = network instanceof AdaptedReadouts;
        HostTensor x = HostTensor.fromDoubles(DType.FLOAT32, Shape.of(5, 1, 8, 8), Fixtures.uniform(3,
                Shape.of(5, 1, 8, 8), -1, 1));
        Path bundle = dir.resolve(name + "-model");
        Path out = dir.resolve(name + "-onnx");
        List<HostTensor> expected;
        try (Backend tensorflow = Backends.open("tensorflow");
                ProgressiveModel model = new ProgressiveModel(network, tensorflow.createVariables(parameters))) {
            expected = model.predictAll(x);
            Models.save(model, ModelManifest.builder().setTask(TASK).optLabels(List.of("a", "b", "c")).build(), bundle);
        }
        Models.saveExitPolicy(bundle, Map.of("kind", "fixed", "depth", 2));
        try (Backend onnxruntime = new OnnxRuntimeBackendProvider().create()) {
            List<Path> files = OnnxExport.export(bundle, onnxruntime, out);
            assertEquals(2 * 3 + (perDepth ? 3 : 1) + 2, files.size());
            assertThrows(FolderExistsException.class, () -> OnnxExport.export(bundle, onnxruntime, out), "an export never replaces one");
        }
        JsonNode manifest = new ObjectMapper().readTree(out.resolve(OnnxExport.MANIFEST_FILE).toFile());
        assertEquals("c", manifest.get("output").get("labels").get(2).asText());
        assertEquals(2, manifest.get("exitPolicy").get("depth").asInt());
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        for (int k = 1; k <= 3; k++) {
            HostTensor y = run(env, out.resolve(OnnxExport.depthFile(k)), x);
            Checks.assertValues("depth_" + k + ".onnx", expected.get(k - 1), y, DType.FLOAT32);
            HostTensor h = run(env, out.resolve("stem.onnx"), x);
            for (int l = 1; l <= k; l++) {
                h = run(env, out.resolve(OnnxExport.blockFile(l)), h);
            }
            Path head = out.resolve(perDepth ? OnnxExport.headFile(k) : "head.onnx");
            Checks.assertValues(name + ": stem, blocks 1.." + k + ", " + head.getFileName(), expected.get(k - 1), run(env, head, h), DType.FLOAT32);
        }
        assertTrue(Files.size(out.resolve(OnnxExport.depthFile(3))) > Files.size(out.resolve(OnnxExport.depthFile(1))),
                "a deeper file holds more weights");
    }

    /** The one output of the model in {@code file} on the one input {@code x}, in a plain ONNX Runtime session. */
    private static HostTensor run(OrtEnvironment env, Path file, HostTensor x) throws Exception {
        try (OrtSession session = env.createSession(file.toString());
                OnnxTensor in = OnnxTensor.createTensor(env, java.nio.FloatBuffer.wrap(x.floatsUnsafe()), OnnxRuntimeProgram.longs(x.shape()));
                OrtSession.Result r = session.run(Map.of(session.getInputNames().iterator().next(), in))) {
            return OnnxRuntimeProgram.host((OnnxTensor) r.get(0), DType.FLOAT32);
        }
    }
}
