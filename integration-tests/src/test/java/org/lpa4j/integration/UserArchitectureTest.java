package org.lpa4j.integration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lpa4j.api.backend.Backend;
import org.lpa4j.api.backend.Backends;
import org.lpa4j.api.data.DataSplits;
import org.lpa4j.api.data.Metric;
import org.lpa4j.api.data.TaskShape;
import org.lpa4j.api.model.Architectures;
import org.lpa4j.api.tensor.DType;
import org.lpa4j.api.tensor.HostTensor;
import org.lpa4j.api.training.TrainingConfig;
import org.lpa4j.api.training.TrainingResult;
import org.lpa4j.cli.Lpa4jCli;
import org.lpa4j.datasets.surfaces.Surface;
import org.lpa4j.datasets.surfaces.SurfaceTask;
import org.lpa4j.models.LoadedModel;
import org.lpa4j.models.ModelManifest;
import org.lpa4j.models.Models;
import org.lpa4j.trainers.lpa.DepthWeighting;
import org.lpa4j.trainers.lpa.LpaForm;
import org.lpa4j.trainers.lpa.LpaTrainer;

/**
 * A user's own architecture ({@link GatedResidualMlp}), registered only through this module's test service file, is
 * listed by the registry, saves and loads like a built-in one, and is accepted by {@code lpa4j fit --arch} without any
 * change to the CLI.
 */
class UserArchitectureTest {
    @TempDir
    Path dir;

    @Test
    void userArchitecture_isRegistered_savesAndLoads() {
        assertTrue(Architectures.discover().names().contains("gated-fnn"), Architectures.discover().names().toString());
        DataSplits data = SurfaceTask.generate(Surface.PEAKS_2D, 300, 0, DType.FLOAT32);
        HostTensor x = data.test().x();
        Path bundle = dir.resolve("gated");
        List<HostTensor> trained;
        try (Backend backend = Backends.open("tensorflow");
             TrainingResult result = new LpaTrainer(LpaForm.JOINT, DepthWeighting.ADAPTIVE).train(backend, new GatedResidualMlp(2, 8, 2), data,
                     TrainingConfig.defaults().withEpochs(2).withBatchSize(32), Metric.RELATIVE_L2, List.of())) {
            trained = result.model().predictAll(x);
            Models.save(result.model(), ModelManifest.builder().setTask(TaskShape.features(2, 1)).build(), bundle);
            try (LoadedModel loaded = Models.load(bundle, backend)) {
                assertEquals("gated-fnn", loaded.manifest().architecture().name());
                assertEquals(trained, loaded.model().predictAll(x), "the same backend gives the same values exactly");
            }
        }
    }

    @Test
    void fitAcceptsTheUserArchitecture_withoutEditingTheCli() throws Exception {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        Path run = dir.resolve("run");
        int code = Lpa4jCli.execute(new PrintWriter(out, true), new PrintWriter(err, true), "fit", "--task", "surface:peaks2d", "--arch",
                "gated-fnn", "--depth", "2", "--width", "8", "--epochs", "1", "--examples", "200", "--trainer", "lpa", "--backend",
                "tensorflow", "--out", run.toString());
        assertEquals(0, code, err.toString());
        try (LoadedModel loaded = Models.load(run.resolve("lpa"))) {
            assertEquals("gated-fnn", loaded.manifest().architecture().name());
            assertEquals(2, loaded.model().depth());
        }
    }
}
