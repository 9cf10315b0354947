package org.lpa4j.integration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.lpa4j.api.Lpa4jException;
import org.lpa4j.api.backend.Backend;
import org.lpa4j.api.backend.Backends;
import org.lpa4j.api.data.DataSplits;
import org.lpa4j.api.data.Metric;
import org.lpa4j.api.data.OutputKind;
import org.lpa4j.api.data.TaskShape;
import org.lpa4j.api.data.TensorDataset;
import org.lpa4j.api.layers.Activation;
import org.lpa4j.api.model.ArchitectureOptions;
import org.lpa4j.api.model.Architectures;
import org.lpa4j.api.model.ResidualNetwork;
import org.lpa4j.api.params.ParameterSet;
import org.lpa4j.api.tensor.DType;
import org.lpa4j.api.tensor.HostTensor;
import org.lpa4j.api.training.TrainingConfig;
import org.lpa4j.api.training.TrainingResult;
import org.lpa4j.datasets.cache.DataCache;
import org.lpa4j.datasets.images.ImageDataSet;
import org.lpa4j.datasets.surfaces.Surface;
import org.lpa4j.datasets.surfaces.SurfaceTask;
import org.lpa4j.datasets.text.CharacterLanguageModel;
import org.lpa4j.datasets.text.MobyDick;
import org.lpa4j.trainers.lpa.LpaTrainer;

/**
 * Growing a trained model on every backend and every architecture with uniform blocks: depths 1..L of the grown model
 * predict bit for bit what the parent's did, the parent's weights are copied unchanged, and only the new blocks train.
 */
class GrowTest {
    private static final Architectures ARCHITECTURES = Architectures.discover();
    private static final TrainingConfig CONFIG = TrainingConfig.defaults().withEpochs(1).withBatchSize(32).withLearningRate(3e-3).withSeed(1);
    private static final ArchitectureOptions OPTIONS = new ArchitectureOptions(2, 8, 2, Activation.TANH, DType.FLOAT32);
    private static final int ADD = 2;

    static Stream<Arguments> backendsAndArchitectures() {
        List<Arguments> out = new ArrayList<>();
        for (String backend : List.of("nd4j", "djl", "tensorflow")) {
            for (String architecture : List.of("fnn", "resnet", "transformer")) {
                out.add(Arguments.of(backend, architecture));
            }
        }
        return out.stream();
    }

    @ParameterizedTest(name = "{1} on {0}")
    @MethodSource("backendsAndArchitectures")
    void depthsOneToLStayBitForBit_andOnlyTheNewBlocksTrain(String backendName, String architecture) {
        Task task = task(architecture);
        ResidualNetwork network = ARCHITECTURES.create(architecture, task.shape, OPTIONS);
        LpaTrainer lpa = new LpaTrainer();
        HostTensor x = task.data.test().x();
        try (Backend backend = Backends.open(backendName);
             TrainingResult parent = lpa.train(backend, network, task.data, CONFIG, task.metric, List.of());
             TrainingResult grown = lpa.grow(backend, parent.model(), ADD, task.data, CONFIG.withSeed(2), task.metric, List.of())) {
            int depth = network.depth();
            assertEquals(depth + ADD, grown.model().depth());
            List<HostTensor> before = parent.model().predictAll(x);
            List<HostTensor> after = grown.model().predictAll(x);
            for (int k = 1; k <= depth; k++) {
                assertEquals(before.get(k - 1), after.get(k - 1), architecture + " depth " + k + " on " + backendName);
                assertEquals(parent.test().at(k), grown.test().at(k), 0.0, "test metric at depth " + k);
            }
            ParameterSet old = parent.model().parameters();
            ParameterSet now = grown.model().parameters();
            ResidualNetwork deeper = grown.model().network();
            for (String name : old.names()) {
                assertEquals(old.get(name), now.get(name), "frozen parameter " + name);
            }
            ParameterSet init = ParameterSet.initialize(deeper.parameters(), 2, DType.FLOAT32);
            for (String name : deeper.blockParameters(depth + ADD)) {
                if (!name.contains("norm") && !name.contains("ln")) {
                    assertNotEquals(init.get(name), now.get(name), "new parameter " + name + " was trained");
                }
            }
            assertTrue(Double.isFinite(grown.test().at(depth + ADD)));
        }
    }

    @Test
    void aGradedNetworkIsRefusedWithASentence() {
        Task task = task("fnn");
        ResidualNetwork graded = ARCHITECTURES.create("graded", task.shape, OPTIONS);
        try (Backend backend = Backends.open("tensorflow");
             TrainingResult parent = org.lpa4j.trainers.multigrade.MultigradeTrainer.allGrades().train(backend, graded, task.data, CONFIG,
                     task.metric, List.of())) {
            Lpa4jException e = assertThrows(Lpa4jException.class,
                    () -> new LpaTrainer().grow(backend, parent.model(), 1, task.data, CONFIG, task.metric, List.of()));
            assertTrue(e.getMessage().contains("uniform blocks"), e.getMessage());
        }
    }

    private record Task(TaskShape shape, DataSplits data, Metric metric) {
    }

    private static Task task(String architecture) {
        switch (architecture) {
            case "fnn":
                return new Task(TaskShape.features(2, 1), SurfaceTask.generate(Surface.PEAKS_2D, 200, 0, DType.FLOAT32), Metric.RELATIVE_L2);
            case "resnet": {
                DataSplits data = ImageDataSet.byId("digits").load(DataCache.locate(), 96, 0);
                int[] dims = data.train().x().shape().dims();
                return new Task(new TaskShape(new int[] {dims[1], dims[2], dims[3]}, false, 0, 10, OutputKind.CLASSES), shortTest(data),
                        Metric.ACCURACY);
            }
            default: {
                CharacterLanguageModel lm = MobyDick.load(DataCache.locate(), 16, 64, 0);
                int v = lm.vocabulary().size();
                return new Task(new TaskShape(new int[] {16}, true, v, v, OutputKind.NEXT_TOKEN), shortTest(lm.splits()), Metric.BITS_PER_CHARACTER);
            }
        }
    }

    /** At most 64 rows of validation and test: the test is about exactness, not accuracy. */
    private static DataSplits shortTest(DataSplits d) {
        return new DataSplits(d.task(), d.train(), first(d.validation(), 64), first(d.test(), 64));
    }

    private static TensorDataset first(TensorDataset d, int n) {
        int[] rows = new int[Math.min(n, d.size())];
        for (int i = 0; i < rows.length; i++) {
            rows[i] = i;
        }
        return new TensorDataset(TensorDataset.rows(d.x(), rows), TensorDataset.rows(d.y(), rows));
    }
}
