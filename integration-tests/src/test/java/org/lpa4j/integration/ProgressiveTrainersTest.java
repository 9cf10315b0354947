package org.lpa4j.integration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.lpa4j.api.Lpa4jException;
import org.lpa4j.api.backend.Backend;
import org.lpa4j.api.backend.Backends;
import org.lpa4j.api.data.DataSplits;
import org.lpa4j.api.data.Metric;
import org.lpa4j.api.tensor.DType;
import org.lpa4j.api.tensor.HostTensor;
import org.lpa4j.api.training.TrainingConfig;
import org.lpa4j.api.training.TrainingListener;
import org.lpa4j.api.training.TrainingResult;
import org.lpa4j.api.layers.Activation;
import org.lpa4j.architectures.fnn.ResidualMlp;
import org.lpa4j.datasets.surfaces.Surface;
import org.lpa4j.datasets.surfaces.SurfaceTask;
import org.lpa4j.trainers.lpa.DepthWeighting;
import org.lpa4j.trainers.lpa.LpaForm;
import org.lpa4j.trainers.lpa.LpaTrainer;

/** The trainer loop's contract, on the DJL engine: listener events, per-depth predictions, truncation, and configuration errors. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ProgressiveTrainersTest {
    private static final int DEPTH = 4;

    private Backend backend;
    private DataSplits data;
    private TrainingConfig config;

    @BeforeAll
    void setUp() {
        backend = Backends.open("djl");
        data = SurfaceTask.generate(Surface.PEAKS_2D, 1200, 3, DType.FLOAT32);
        config = TrainingConfig.defaults().withEpochs(40).withBatchSize(64).withLearningRate(3e-3).withSeed(5);
    }

    @AfterAll
    void tearDown() {
        backend.close();
    }

    private ResidualMlp network() {
        return new ResidualMlp(2, 32, DEPTH, 1, Activation.TANH, false, DType.FLOAT32);
    }

    @Test
    void listenersSeeEveryEpochAndBatch_andTheModelPredictsEveryDepth() {
        List<String> events = new ArrayList<>();
        TrainingListener listener = new TrainingListener() {
            @Override
            public void onTrainingBegin(String trainer, int epochs, int batchesPerEpoch) {
                events.add("begin " + epochs + " " + batchesPerEpoch);
            }

            @Override
            public void onEpoch(String trainer, int epoch, double meanLoss, double[] validationPerDepth) {
                events.add("epoch " + epoch + " " + validationPerDepth.length);
            }

            @Override
            public void onTrainingEnd(String trainer, int epochsRun, double seconds) {
                events.add("end " + epochsRun);
            }
        };
        TrainingConfig short3 = config.withEpochs(3);
        try (TrainingResult r = new LpaTrainer(LpaForm.LAYER_LOCAL, DepthWeighting.ADAPTIVE)
                .train(backend, network(), data, short3, Metric.RELATIVE_L2, List.of(listener))) {
            int batches = (data.train().size() + 63) / 64;
            assertEquals(List.of("begin 3 " + batches, "epoch 1 4", "epoch 2 4", "epoch 3 4", "end 3"), events);
            HostTensor x = data.test().x();
            List<HostTensor> all = r.model().predictAll(x);
            assertEquals(DEPTH, all.size());
            try (var shallow = r.model().truncate(2)) {
                assertEquals(all.get(1), shallow.predict(x, 2));
            }
            assertEquals(Metric.RELATIVE_L2.evaluate(all.get(DEPTH - 1), data.test().y()), r.test().at(DEPTH), 1e-12);
        }
    }

    @Test
    void badConfigurationIsExplained() {
        assertEquals("epochs must be positive but is 0.", assertThrows(Lpa4jException.class, () -> config.withEpochs(0)).getMessage());
        assertEquals("ResidualMlp: width must be positive but is -3.",
                assertThrows(Lpa4jException.class, () -> new ResidualMlp(2, -3, 2, 1, Activation.RELU, false, DType.FLOAT32)).getMessage());
        assertEquals("Unknown surface 'nope'. Known surfaces: oscillation1d, peaks2d, discontinuous2d, smooth3d.",
                assertThrows(Lpa4jException.class, () -> Surface.byId("nope")).getMessage());
    }
}
