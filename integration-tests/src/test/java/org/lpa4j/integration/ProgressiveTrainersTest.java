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
import org.lpa4j.api.training.DepthCurve;
import org.lpa4j.api.training.TrainingConfig;
import org.lpa4j.api.training.TrainingListener;
import org.lpa4j.api.training.TrainingResult;
import org.lpa4j.architectures.fnn.Activation;
import org.lpa4j.architectures.fnn.ResidualMlp;
import org.lpa4j.datasets.surfaces.Surface;
import org.lpa4j.datasets.surfaces.SurfaceTask;
import org.lpa4j.trainers.e2e.E2ETrainer;
import org.lpa4j.trainers.lpa.DepthWeighting;
import org.lpa4j.trainers.lpa.LpaForm;
import org.lpa4j.trainers.lpa.LpaTrainer;

/** LPA and E2E trained for real on the DJL engine, on a seeded 2-D surface. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ProgressiveTrainersTest {
    /** LPA's error may rise from one depth to the next by at most this factor. */
    static final double MONOTONE_TOLERANCE = 0.02;
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
    void lpa_errorFallsWithDepth_andBeatsE2EAtIntermediateDepths() {
        DepthCurve lpa;
        DepthCurve e2e;
        try (TrainingResult r = new LpaTrainer(LpaForm.JOINT, DepthWeighting.UNIFORM)
                .train(backend, network(), data, config, Metric.RELATIVE_L2, List.of())) {
            lpa = r.test();
        }
        try (TrainingResult r = new E2ETrainer().train(backend, network(), data, config, Metric.RELATIVE_L2, List.of())) {
            e2e = r.test();
        }
        for (int l = 2; l <= DEPTH; l++) {
            assertTrue(lpa.at(l) <= (1 + MONOTONE_TOLERANCE) * lpa.at(l - 1),
                    "LPA error must not rise with depth: " + java.util.Arrays.toString(lpa.values()));
        }
        assertTrue(lpa.at(DEPTH) < 0.5 * lpa.at(1), "LPA's last depth should be far below its first: " + java.util.Arrays.toString(lpa.values()));
        double lpaMid = 0;
        double e2eMid = 0;
        for (int l = 1; l < DEPTH; l++) {
            lpaMid += lpa.at(l);
            e2eMid += e2e.at(l);
        }
        assertTrue(lpaMid < e2eMid, "LPA's intermediate depths should beat E2E's: LPA " + java.util.Arrays.toString(lpa.values())
                + " E2E " + java.util.Arrays.toString(e2e.values()));
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
