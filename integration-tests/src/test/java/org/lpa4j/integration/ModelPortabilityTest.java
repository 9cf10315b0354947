package org.lpa4j.integration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lpa4j.api.backend.Backend;
import org.lpa4j.api.backend.BackendProvider;
import org.lpa4j.api.backend.Backends;
import org.lpa4j.api.backend.Capability;
import org.lpa4j.api.data.DataSplits;
import org.lpa4j.api.data.Metric;
import org.lpa4j.api.data.OutputKind;
import org.lpa4j.api.data.TaskShape;
import org.lpa4j.api.layers.Activation;
import org.lpa4j.api.model.ArchitectureOptions;
import org.lpa4j.api.model.Architectures;
import org.lpa4j.api.model.ResidualNetwork;
import org.lpa4j.api.tensor.DType;
import org.lpa4j.api.tensor.HostTensor;
import org.lpa4j.api.training.ProgressiveTrainer;
import org.lpa4j.api.training.TrainingConfig;
import org.lpa4j.api.training.TrainingResult;
import org.lpa4j.conformance.Tolerances;
import org.lpa4j.datasets.cache.DataCache;
import org.lpa4j.datasets.images.ImageDataSet;
import org.lpa4j.datasets.surfaces.Surface;
import org.lpa4j.datasets.surfaces.SurfaceTask;
import org.lpa4j.datasets.text.CharacterLanguageModel;
import org.lpa4j.datasets.text.MobyDick;
import org.lpa4j.models.LoadedModel;
import org.lpa4j.models.ModelManifest;
import org.lpa4j.models.Models;
import org.lpa4j.trainers.lpa.DepthWeighting;
import org.lpa4j.trainers.lpa.LpaForm;
import org.lpa4j.trainers.lpa.LpaTrainer;
import org.lpa4j.trainers.multigrade.MultigradeTrainer;

/**
 * A model trained on TensorFlow, saved, and loaded on every backend predicts the same at every depth, within the
 * cross-backend tolerance of its element type ({@link Tolerances}): fnn, resnet, transformer and the graded network, each
 * small and trained briefly on real data in FLOAT64.
 */
class ModelPortabilityTest {
    private static final Architectures ARCHITECTURES = Architectures.discover();
    private static final TrainingConfig CONFIG = TrainingConfig.defaults().withEpochs(2).withBatchSize(32).withLearningRate(3e-3).withSeed(1)
            .withDType(DType.FLOAT64);
    private static final ArchitectureOptions OPTIONS = new ArchitectureOptions(2, 8, 2, Activation.TANH, DType.FLOAT64);
    /** Rows of the test split compared. */
    private static final int ROWS = 16;

    @TempDir
    Path dir;

    @Test
    void fnn_trainedOnTensorFlow_predictsTheSameOnEveryBackend() {
        DataSplits data = SurfaceTask.generate(Surface.PEAKS_2D, 300, 0, DType.FLOAT64);
        TaskShape task = TaskShape.features(2, 1);
        assertPortable(ARCHITECTURES.create("fnn", task, OPTIONS), task, data, new LpaTrainer(LpaForm.JOINT, DepthWeighting.ADAPTIVE), Metric.RELATIVE_L2);
    }

    @Test
    void gradedNetwork_trainedOnTensorFlow_predictsTheSameOnEveryBackend() {
        DataSplits data = SurfaceTask.generate(Surface.OSCILLATION_1D, 300, 0, DType.FLOAT64);
        TaskShape task = TaskShape.features(1, 1);
        assertPortable(ARCHITECTURES.create("graded", task, OPTIONS), task, data, MultigradeTrainer.allGrades(), Metric.RELATIVE_L2);
    }

    @Test
    void resnet_trainedOnTensorFlow_predictsTheSameOnEveryBackend() {
        DataSplits data = ImageDataSet.byId("digits").load(DataCache.locate(), 200, 0);
        int[] dims = data.train().x().shape().dims();
        TaskShape task = new TaskShape(new int[] {dims[1], dims[2], dims[3]}, false, 0, 10, OutputKind.CLASSES);
        assertPortable(ARCHITECTURES.create("resnet", task, OPTIONS), task, data, new LpaTrainer(LpaForm.JOINT, DepthWeighting.ADAPTIVE), Metric.ACCURACY);
    }

    @Test
    void transformer_trainedOnTensorFlow_predictsTheSameOnEveryBackend() {
        CharacterLanguageModel lm = MobyDick.load(DataCache.locate(), 16, 64, 0);
        int v = lm.vocabulary().size();
        TaskShape task = new TaskShape(new int[] {16}, true, v, v, OutputKind.NEXT_TOKEN);
        assertPortable(ARCHITECTURES.create("transformer", task, OPTIONS), task, lm.splits(), new LpaTrainer(LpaForm.JOINT, DepthWeighting.ADAPTIVE), Metric.BITS_PER_CHARACTER);
    }

    private void assertPortable(ResidualNetwork network, TaskShape task, DataSplits data, ProgressiveTrainer trainer, Metric metric) {
        Path bundle = dir.resolve(network.name());
        HostTensor x = rows(data.test().x(), network.input().dtype());
        List<HostTensor> trained;
        try (Backend tensorflow = Backends.open("tensorflow");
             TrainingResult result = trainer.train(tensorflow, network, data, CONFIG, metric, List.of())) {
            trained = result.model().predictAll(x);
            Models.save(result.model(), ModelManifest.builder().setTask(task).optTrainer(trainer.name(), null).optConfig(CONFIG)
                    .optBackend(tensorflow).build(), bundle);
        }
        for (BackendProvider provider : Backends.discover().providers()) {
            try (Backend backend = Backends.create(provider)) {
                if (!backend.supports(Capability.FLOAT64)) {
                    continue; // these models are FLOAT64; onnxruntime's FLOAT32 parity is OnnxRuntimeParityTest's
                }
            }
            try (Backend backend = Backends.create(provider); LoadedModel loaded = Models.load(bundle, backend)) {
                assertEquals("tensorflow", loaded.manifest().provenance().backend());
                List<HostTensor> predicted = loaded.model().predictAll(x);
                assertEquals(trained.size(), predicted.size());
                for (int k = 0; k < trained.size(); k++) {
                    assertClose(trained.get(k), predicted.get(k), network.name() + " depth " + (k + 1) + " on " + provider.name());
                }
            }
        }
    }

    private static HostTensor rows(HostTensor x, DType inputType) {
        int[] dims = x.shape().dims();
        int per = x.size() / dims[0];
        dims[0] = Math.min(ROWS, dims[0]);
        double[] values = java.util.Arrays.copyOf(x.toDoubleArray(), dims[0] * per);
        return HostTensor.fromDoubles(x.dtype().isFloating() ? inputType : x.dtype(), org.lpa4j.api.tensor.Shape.of(dims), values);
    }

    private static void assertClose(HostTensor expected, HostTensor actual, String what) {
        assertEquals(expected.shape(), actual.shape(), what);
        double relative = Tolerances.relative(expected.dtype());
        double absolute = Tolerances.absolute(expected.dtype());
        for (int i = 0; i < expected.size(); i++) {
            double e = expected.getDouble(i);
            double a = actual.getDouble(i);
            assertTrue(Math.abs(a - e) <= relative * Math.abs(e) + absolute, what + " element " + i + ": " + a + " against " + e);
        }
    }
}
