package org.lpa4j.cli.command;

import org.lpa4j.cli.CliRun;
import org.lpa4j.cli.FormatOneBundle;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.lpa4j.api.backend.Backend;
import org.lpa4j.api.backend.Backends;
import org.lpa4j.api.data.Metric;
import org.lpa4j.api.data.TensorDataset;
import org.lpa4j.api.task.TaskOptions;
import org.lpa4j.api.task.Tasks;
import org.lpa4j.api.tensor.HostTensor;
import org.lpa4j.models.LoadedModel;
import org.lpa4j.models.ModelManifest;
import org.lpa4j.models.Models;

/**
 * {@code lpa4j evaluate} on a digits ResNet trained with LPA on TensorFlow and saved: the per-depth test accuracy of
 * training time, costs that grow with depth, and a calibrated exit policy saved into the model, which then loads on DJL
 * with the same accuracy at every depth.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class EvaluateCommandTest {
    private static final int DEPTH = 3;

    @TempDir
    static Path dir;
    private Path model;
    private double[] trainedTestAccuracy;


    @BeforeAll
    void fit() {
        CliRun fit = CliRun.of("fit", "--task", "digits", "--arch", "resnet", "--depth", String.valueOf(DEPTH), "--width", "8", "--epochs", "4",
                "--lr", "0.02", "--batch-size", "64", "--trainer", "lpa", "--backend", "tensorflow", "--out", dir.resolve("run").toString());
        assertEquals(0, fit.code(), fit.err());
        model = dir.resolve("run").resolve("lpa");
        ModelManifest manifest = Models.inspect(model);
        assertEquals("accuracy", manifest.metrics().get(0).metric());
        trainedTestAccuracy = manifest.metrics().get(0).test();
    }

    @Test
    void everyDepthIsMeasured_andTheCalibratedPolicyIsSavedIntoTheModel() throws Exception {
        Path json = dir.resolve("evaluate.json");
        Path png = dir.resolve("cost.png");
        CliRun r = CliRun.of("evaluate", "--model", model.toString(), "--backend", "tensorflow", "--repeats", "1", "--json", json.toString(), "--max-loss", "2",
                "--plot", png.toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("Calibrated exit policy (validation split, accepted loss 2 accuracy points)"), r.out());
        JsonNode e = new ObjectMapper().readTree(json.toFile());
        assertEquals("tensorflow", e.get("backend").asText());
        JsonNode depths = e.get("depths");
        assertEquals(DEPTH, depths.size());
        for (int k = 1; k <= DEPTH; k++) {
            JsonNode d = depths.get(k - 1);
            assertEquals(trainedTestAccuracy[k - 1], d.get("metric").asDouble(), 1e-4, "depth " + k + " against training time");
            assertTrue(d.get("calibrationError").asDouble() >= 0 && d.get("calibrationError").asDouble() <= 1, d.toString());
            if (k > 1) {
                assertTrue(d.get("multiplyAdds").asLong() > depths.get(k - 2).get("multiplyAdds").asLong(), "cost grows with depth");
                assertTrue(d.get("parameters").asLong() > depths.get(k - 2).get("parameters").asLong(), "parameters grow with depth");
            }
        }
        JsonNode exit = e.get("exit");
        assertTrue(exit.get("validationLossBound").asDouble() <= 0.02, exit.toString());
        long rows = 0;
        for (JsonNode h : exit.get("histogram")) {
            rows += h.asLong();
        }
        assertEquals(e.get("testExamples").asLong(), rows, "every test row leaves at some depth");
        assertTrue(Files.size(png) > 1000);
        ModelManifest manifest = Models.inspect(model);
        assertNotNull(manifest.exitPolicy(), "the policy is in model.json");
        try (Backend djl = Backends.open("djl"); LoadedModel loaded = Models.load(model, djl)) {
            assertEquals(exit.get("policy").asText(), loaded.exitPolicy().orElseThrow().describe());
            TensorDataset test = Tasks.discover().load("digits", TaskOptions.defaults()).data().test();
            List<HostTensor> readouts = loaded.model().predictAll(test.x());
            for (int k = 1; k <= DEPTH; k++) {
                assertEquals(trainedTestAccuracy[k - 1], Metric.ACCURACY.evaluate(readouts.get(k - 1), test.y()), 1e-4, "depth " + k + " on DJL");
            }
        }
    }

    @Test
    void depthK_measuresTheNetworkOfKBlocks_andSavesNoPolicyIntoTheModelOfL() throws Exception {
        Path copy = dir.resolve("copy-depth");
        Files.createDirectories(copy);
        for (String f : List.of(Models.MANIFEST_FILE, Models.WEIGHTS_FILE)) {
            Files.copy(model.resolve(f), copy.resolve(f));
        }
        byte[] before = Files.readAllBytes(copy.resolve(Models.MANIFEST_FILE));
        Path json = dir.resolve("evaluate-depth-2.json");
        CliRun r = CliRun.of("evaluate", "--model", copy.toString(), "--depth", "2", "--backend", "tensorflow", "--repeats", "1", "--json",
                json.toString(), "--plot", dir.resolve("depth-2.png").toString());
        assertEquals(0, r.code(), r.err());
        JsonNode depths = new ObjectMapper().readTree(json.toFile()).get("depths");
        assertEquals(2, depths.size());
        for (int k = 1; k <= 2; k++) {
            assertEquals(trainedTestAccuracy[k - 1], depths.get(k - 1).get("metric").asDouble(), 1e-4, "depth " + k);
        }
        assertArrayEquals(before, Files.readAllBytes(copy.resolve(Models.MANIFEST_FILE)), "the model of 3 blocks keeps its own policy");
        assertEquals("error: --depth 4 is outside 1..3 of this model.\n", CliRun.of("evaluate", "--model", copy.toString(), "--depth", "4").err());
    }

    @Test
    void badArgumentsAreSentences() {
        CliRun missing = CliRun.of("evaluate", "--model", dir.resolve("nothing").toString());
        assertEquals(2, missing.code());
        assertTrue(missing.err().startsWith("error: There is no saved model at "), missing.err());
        CliRun negative = CliRun.of("evaluate", "--model", model.toString(), "--max-loss", "-1", "--backend", "tensorflow");
        assertEquals("error: The accepted loss must be a finite number >= 0 (accuracy points for accuracy, percent of the full depth's value"
                + " otherwise) but is -1.0. (the maxLoss is set with --max-loss)\n", negative.err());
        CliRun otherData = CliRun.of("evaluate", "--model", model.toString(), "--limit", "100", "--backend", "tensorflow");
        assertEquals("error: The model at " + model + " records the data it was trained on (--examples 4000, --limit 0); drop --examples and"
                + " --limit, which only older models need.\n", otherData.err());
    }

    /** A model saved before bundle format 2 records no data options: they come from the flags, and the fingerprint guards them. */
    @Test
    void aModelWithoutRecordedDataOptions_takesThemFromTheFlags_andRefusesOtherData() throws Exception {
        Path old = FormatOneBundle.copy(model, dir.resolve("old"));
        CliRun otherData = CliRun.of("evaluate", "--model", old.toString(), "--limit", "100", "--backend", "tensorflow");
        assertTrue(otherData.err().contains("is not the data the model at " + old + " was trained on"), otherData.err());
        assertTrue(otherData.err().endsWith("pass the --examples and --limit that fit used.\n"), otherData.err());
        Path json = dir.resolve("evaluate-old.json");
        CliRun same = CliRun.of("evaluate", "--model", old.toString(), "--limit", "0", "--backend", "tensorflow", "--repeats", "1", "--json",
                json.toString());
        assertEquals(0, same.code(), same.err());
        assertEquals(trainedTestAccuracy[0], new ObjectMapper().readTree(json.toFile()).get("depths").get(0).get("metric").asDouble(), 1e-4);
    }

    /** The done-when of saved models: a model trained on TensorFlow, evaluated from the command line on the other engines, agrees to 4 digits. */
    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(strings = {"djl", "nd4j"})
    void evaluateOnAnotherBackend_givesTheSamePerDepthMetrics(String backend) throws Exception {
        Path copy = dir.resolve("copy-" + backend);
        try (java.util.stream.Stream<Path> files = Files.walk(model)) {
            for (Path f : files.toList()) {
                Files.copy(f, copy.resolve(model.relativize(f).toString()));
            }
        }
        Path json = dir.resolve("evaluate-" + backend + ".json");
        CliRun r = CliRun.of("evaluate", "--model", copy.toString(), "--backend", backend, "--repeats", "1", "--json", json.toString(),
                "--max-loss", "2");
        assertEquals(0, r.code(), r.err());
        JsonNode e = new ObjectMapper().readTree(json.toFile());
        assertEquals(backend, e.get("backend").asText());
        for (int k = 1; k <= DEPTH; k++) {
            assertEquals(trainedTestAccuracy[k - 1], e.get("depths").get(k - 1).get("metric").asDouble(), 1e-4, "depth " + k + " on " + backend);
        }
    }
}
