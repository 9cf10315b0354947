package org.lpa4j.models;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lpa4j.api.backend.Backend;
import org.lpa4j.api.backend.Backends;
import org.lpa4j.api.data.Metric;
import org.lpa4j.api.data.OutputKind;
import org.lpa4j.api.data.TaskShape;
import org.lpa4j.api.inference.AcceptedLoss;
import org.lpa4j.api.inference.CalibratedExit;
import org.lpa4j.api.inference.ExitPolicy;
import org.lpa4j.api.layers.Activation;
import org.lpa4j.api.model.ProgressiveModel;
import org.lpa4j.api.params.ParameterSet;
import org.lpa4j.api.tensor.DType;
import org.lpa4j.api.tensor.HostTensor;
import org.lpa4j.api.tensor.Shape;
import org.lpa4j.architectures.fnn.ResidualMlp;

/** Exit policies in the manifest: every kind survives the round trip, a calibrated one is saved into a bundle, an unknown kind is refused. */
class ExitPoliciesTest {
    private static Backend backend;

    @TempDir
    Path dir;

    @BeforeAll
    static void openBackend() {
        backend = Backends.open("tensorflow");
    }

    @AfterAll
    static void closeBackend() {
        backend.close();
    }

    @Test
    void everyPolicyKindSurvivesTheRoundTripThroughJson() throws Exception {
        ObjectMapper json = new ObjectMapper();
        for (ExitPolicy p : List.of(new ExitPolicy.FixedDepth(3), new ExitPolicy.Confidence(List.of(0.9, 0.95, 0.99), 4),
                new ExitPolicy.Patience(2, 5), new ExitPolicy.Correction(0.015, 3))) {
            @SuppressWarnings("unchecked")
            Map<String, Object> text = json.readValue(json.writeValueAsString(ExitPolicies.toJson(p)), Map.class);
            assertEquals(p, ExitPolicies.fromJson(text));
        }
    }

    @Test
    void aCalibratedPolicyIsSavedIntoTheBundle_whichStillLoadsWithTheSameWeights() throws Exception {
        Path bundle = dir.resolve("model");
        ResidualMlp network = new ResidualMlp(2, 8, 3, 3, Activation.TANH, false, DType.FLOAT32);
        HostTensor x = HostTensor.ofFloats(Shape.of(2, 2), 0.1f, 0.9f, -0.5f, 0.3f);
        HostTensor before;
        try (ProgressiveModel m = new ProgressiveModel(network, backend.createVariables(ParameterSet.initialize(network.parameters(), 5,
                DType.FLOAT32)))) {
            before = m.predict(x, 2);
            Models.save(m, ModelManifest.builder().setTask(new TaskShape(new int[] {2}, false, 0, 3, OutputKind.CLASSES)).build(), bundle);
        }
        CalibratedExit exit = new CalibratedExit(ExitPolicy.Confidence.shared(0.97, 2), Metric.ACCURACY, AcceptedLoss.absolute(0.003), 0.91,
                0.909, 1.4, 0.0025, List.of());
        Models.saveExitPolicy(bundle, exit);
        try (Backend other = Backends.open("tensorflow"); LoadedModel loaded = Models.load(bundle, other)) {
            assertEquals(exit.policy(), loaded.exitPolicy().orElseThrow());
            assertEquals(0.0025, ((Number) ((Map<?, ?>) loaded.manifest().exitPolicy().get("calibration")).get("loss_bound")).doubleValue());
            assertArrayEquals(before.toDoubleArray(), loaded.model().predict(x, 2).toDoubleArray());
        }
        try (var list = Files.list(bundle)) {
            assertEquals(List.of(org.lpa4j.api.io.AtomicDirectories.MARKER, Models.MANIFEST_FILE, Models.WEIGHTS_FILE),
                    list.map(p -> p.getFileName().toString()).sorted().toList(), "only the manifest, the weights and the marker are left");
        }
    }

    @Test
    void anUnknownPolicyKindIsASentence() {
        BundleException e = assertThrows(BundleException.class, () -> ExitPolicies.fromJson(Map.of("kind", "entropy", "cap", 2)));
        assertTrue(e.getMessage().contains("'entropy'") && e.getMessage().contains("confidence"), e.getMessage());
        assertThrows(BundleException.class, () -> ExitPolicies.fromJson(Map.of("kind", "patience", "cap", 2)));
    }
}
