package org.lpa4j.models;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lpa4j.api.backend.Backend;
import org.lpa4j.api.backend.Backends;
import org.lpa4j.api.data.OutputKind;
import org.lpa4j.api.data.TaskShape;
import org.lpa4j.api.model.ArchitectureOptions;
import org.lpa4j.api.model.Architectures;
import org.lpa4j.api.model.ProgressiveModel;
import org.lpa4j.api.model.ResidualNetwork;
import org.lpa4j.api.params.ParameterSet;
import org.lpa4j.api.tensor.DType;
import org.lpa4j.api.tensor.HostTensor;
import org.lpa4j.api.tensor.Shape;

/** {@link BundleReader}: a model saved under an architecture's former name loads as the architecture it is now. */
class BundleReaderTest {

    @Test
    void aModelSavedAsStairByTrainerMgdlLoadsAsTheGradedNetwork(@TempDir Path dir) throws Exception {
        TaskShape shape = new TaskShape(new int[] {2}, false, 0, 1, OutputKind.REGRESSION);
        ResidualNetwork network = Architectures.discover().create("graded", shape, ArchitectureOptions.of(2, 8));
        HostTensor x = HostTensor.ofFloats(Shape.of(3, 2), 0.1f, 0.9f, -0.5f, 0.25f, 1f, 0f);
        Path bundle = dir.resolve("model");
        float[] saved;
        try (Backend backend = Backends.open("tensorflow");
             ProgressiveModel model = new ProgressiveModel(network, backend.createVariables(ParameterSet.initialize(network.parameters(), 5,
                     DType.FLOAT32)))) {
            saved = model.predict(x, 2).toFloatArray();
            Models.save(model, ModelManifest.builder().setTask(shape).optTrainer("multigrade", null)
                    .optMetric("mse", true, new double[2], null).build(), bundle);
        }
        // What a model saved before the multigrade names were made one says: architecture stair, trainer mgdl.
        // The digest is made again as that lpa4j made it over what it wrote.
        Path manifest = bundle.resolve(Models.MANIFEST_FILE);
        String json = Files.readString(manifest);
        assertTrue(json.contains("\"graded\"") && json.contains("\"multigrade\""), json);
        ObjectMapper mapper = new ObjectMapper();
        ObjectNode old = (ObjectNode) mapper.readTree(json.replace("\"graded\"", "\"stair\"").replace("\"multigrade\"", "\"mgdl\""));
        ((ObjectNode) old.get("integrity")).put("digest", BundleIntegrity.digest(old));
        mapper.writeValue(manifest.toFile(), old);

        assertEquals("stair", Models.inspect(bundle).architecture().name());
        assertEquals("mgdl", Models.inspect(bundle).training().trainer());
        try (Backend backend = Backends.open("tensorflow"); LoadedModel loaded = Models.load(bundle, backend)) {
            assertEquals("graded", loaded.model().network().name());
            assertArrayEquals(saved, loaded.model().predict(x, 2).toFloatArray());
        }
    }
}
