package org.lpa4j.cli.command;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.lpa4j.cli.CliRun;

/**
 * {@code lpa4j export} and {@code --backend onnxruntime} on a digits ResNet trained on TensorFlow: the ONNX files of every
 * depth and piece with their manifest, and {@code evaluate} on ONNX Runtime with TensorFlow's metric at every depth.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ExportCommandTest {
    private static final int DEPTH = 2;

    @TempDir
    static Path dir;
    private Path model;

    @BeforeAll
    void fit() {
        CliRun fit = CliRun.of("fit", "--task", "digits", "--arch", "resnet", "--depth", String.valueOf(DEPTH), "--width", "8", "--epochs", "1",
                "--batch-size", "64", "--trainer", "lpa", "--backend", "tensorflow", "--out", dir.resolve("run").toString());
        assertEquals(0, fit.code(), fit.err());
        model = dir.resolve("run").resolve("lpa");
    }

    @Test
    void export_writesEveryDepthAndPiece_andRefusesAnExistingFolderAndAnotherFormat() throws Exception {
        Path out = dir.resolve("onnx");
        CliRun r = CliRun.of("export", "--model", model.toString(), "--format", "onnx", "--out", out.toString(), "--backend", "onnxruntime");
        assertEquals(0, r.code(), r.err());
        for (String f : new String[] {"depth_1.onnx", "depth_2.onnx", "stem.onnx", "block_1.onnx", "block_2.onnx", "head.onnx", "onnx.json"}) {
            assertTrue(Files.isRegularFile(out.resolve(f)), f + " in " + r.out());
        }
        JsonNode manifest = new ObjectMapper().readTree(out.resolve("onnx.json").toFile());
        assertEquals("grey_images", manifest.get("input").get("preprocessing").get("kind").asText());
        assertEquals(10, manifest.get("output").get("labels").size());
        CliRun again = CliRun.of("export", "--model", model.toString(), "--out", out.toString(), "--backend", "onnxruntime");
        assertEquals(2, again.code(), again.out());
        assertTrue(again.err().contains(out.toString()), again.err());
        assertTrue(again.err().endsWith("(lpa4j export writes --out as a new folder and replaces none; give --out a folder that does not exist yet.)\n"),
                again.err());
        CliRun other = CliRun.of("export", "--model", model.toString(), "--format", "tflite", "--out", dir.resolve("x").toString());
        assertTrue(other.err().contains("exports only onnx"), other.err());
    }

    @Test
    void evaluateOnOnnxRuntime_givesTensorFlowsMetricAtEveryDepth() throws Exception {
        double[][] metrics = new double[2][];
        String[] backends = {"tensorflow", "onnxruntime"};
        for (int b = 0; b < 2; b++) {
            Path json = dir.resolve("evaluate-" + backends[b] + ".json");
            CliRun r = CliRun.of("evaluate", "--model", model.toString(), "--backend", backends[b], "--repeats", "1", "--json", json.toString(),
                    "--plot", dir.resolve(backends[b] + ".png").toString());
            assertEquals(0, r.code(), r.err());
            JsonNode depths = new ObjectMapper().readTree(json.toFile()).get("depths");
            metrics[b] = new double[DEPTH];
            for (int k = 0; k < DEPTH; k++) {
                metrics[b][k] = depths.get(k).get("metric").asDouble();
            }
        }
        for (int k = 0; k < DEPTH; k++) {
            assertEquals(metrics[0][k], metrics[1][k], 1e-4, "depth " + (k + 1));
        }
    }
}
