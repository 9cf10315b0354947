package org.lpa4j.conformance;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestReporter;
import org.lpa4j.api.data.DataSplits;
import org.lpa4j.api.data.Metric;
import org.lpa4j.api.layers.Activation;
import org.lpa4j.api.model.ResidualNetwork;
import org.lpa4j.api.tensor.DType;
import org.lpa4j.api.training.DepthCurve;
import org.lpa4j.api.training.ProgressiveTrainer;
import org.lpa4j.api.training.TrainingConfig;
import org.lpa4j.api.training.TrainingResult;
import org.lpa4j.architectures.fnn.ResidualMlp;
import org.lpa4j.datasets.surfaces.Surface;
import org.lpa4j.datasets.surfaces.SurfaceTask;
import org.lpa4j.trainers.e2e.E2ETrainer;
import org.lpa4j.trainers.lpa.DepthWeighting;
import org.lpa4j.trainers.lpa.LpaForm;
import org.lpa4j.trainers.lpa.LpaTrainer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Training semantics on this backend, stated so that they hold for any sound residual architecture: the network has the
 * residual structure ({@link ResidualStructure}); trained with LPA its test error does not rise with depth (within
 * {@link #MONOTONE_TOLERANCE}); every intermediate LPA depth beats the same depth of end-to-end training; and the last
 * LPA depth is within {@link #LAST_DEPTH_FACTOR} of end-to-end training's last depth. Override {@link #network()},
 * {@link #data()}, {@link #config()}, {@link #metric()} or {@link #lpaTrainer()} (the form and depth weighting) to check
 * your own architecture, data or training setup the same way.
 */
public class TrainingSemanticsConformance extends BackendConformance {
    /** e_l <= (1 + tol) e_{l-1}: a depth may be at most 3% worse than the one before (mini-batch noise). */
    public static final double MONOTONE_TOLERANCE = 0.03;
    /**
     * e_L(LPA) <= factor * e_L(E2E): LPA spends part of its loss on the shallow readouts, so its last depth may be
     * somewhat worse than end-to-end training's, which puts the whole loss there, but not by more than this.
     */
    public static final double LAST_DEPTH_FACTOR = 1.5;
    /** The depth of the default network. */
    protected static final int DEPTH = 4;

    private static final Logger LOG = LoggerFactory.getLogger(TrainingSemanticsConformance.class);

    private DepthCurve lpaCurve;
    private DepthCurve e2eCurve;

    /** The architecture under test: by default a residual MLP of width 32 and depth {@link #DEPTH}, 2 inputs and 1 output. */
    protected ResidualNetwork network() {
        return defaultNetwork();
    }

    static ResidualNetwork defaultNetwork() {
        return new ResidualMlp(2, 32, DEPTH, 1, Activation.TANH, false, DType.FLOAT32);
    }

    /** The data: by default 1200 seeded samples of {@link Surface#PEAKS_2D}, split 70/15/15. */
    protected DataSplits data() {
        return defaultData();
    }

    static DataSplits defaultData() {
        return SurfaceTask.generate(Surface.PEAKS_2D, 1200, 3, DType.FLOAT32);
    }

    /** The training setup, shared by both trainers: by default 60 epochs, batch 64, learning rate 1e-2, seed 5. */
    protected TrainingConfig config() {
        return defaultConfig();
    }

    static TrainingConfig defaultConfig() {
        return TrainingConfig.defaults().withEpochs(60).withBatchSize(64).withLearningRate(1e-2).withSeed(5);
    }

    /** The test metric; lower must be better. */
    protected Metric metric() {
        return Metric.RELATIVE_L2;
    }

    /** The LPA trainer under test: by default the joint form with uniform depth weights. */
    protected ProgressiveTrainer lpaTrainer() {
        return new LpaTrainer(LpaForm.JOINT, DepthWeighting.UNIFORM);
    }

    private DepthCurve train(ProgressiveTrainer trainer) {
        assertTrue(metric().lowerIsBetter(), () -> "the training-semantics suite compares errors; " + metric() + " is not one");
        try (TrainingResult r = trainer.train(backend(), network(), data(), config(), metric(), List.of())) {
            return r.test();
        }
    }

    private DepthCurve lpa() {
        if (lpaCurve == null) {
            lpaCurve = train(lpaTrainer());
        }
        return lpaCurve;
    }

    private DepthCurve e2e() {
        if (e2eCurve == null) {
            e2eCurve = train(new E2ETrainer());
            LOG.info("{} on {}: test {} by depth, LPA {}, E2E {}", network().name(), backend().name(), metric().label(),
                    Arrays.toString(lpa().values()), Arrays.toString(e2eCurve.values()));
        }
        return e2eCurve;
    }

    @Test
    void required_network_readoutLDependsOnExactlyBlocks1ToL_throughResidualConnections() {
        ResidualStructure.check(backend(), network(), config().seed());
    }

    @Test
    void required_lpa_testErrorIsMonotoneInDepth(TestReporter reporter) {
        DepthCurve lpa = lpa();
        reporter.publishEntry("lpa " + metric().label() + " by depth", Arrays.toString(lpa.values()));
        checkMonotone(lpa);
    }

    @Test
    void required_lpa_beatsEndToEndAtEveryIntermediateDepth(TestReporter reporter) {
        DepthCurve e2e = e2e();
        reporter.publishEntry("e2e " + metric().label() + " by depth", Arrays.toString(e2e.values()));
        checkBeatsEndToEnd(lpa(), e2e);
    }

    @Test
    void required_lpa_lastDepthIsWithinAFactorOfEndToEnd() {
        checkLastDepthWithinFactor(lpa(), e2e());
    }

    /** LPA's test error does not rise with depth by more than {@link #MONOTONE_TOLERANCE}. */
    static void checkMonotone(DepthCurve lpa) {
        for (int l = 2; l <= lpa.depth(); l++) {
            assertTrue(lpa.at(l) <= (1 + MONOTONE_TOLERANCE) * lpa.at(l - 1), "LPA's test error rose from depth " + (l - 1) + " to " + l
                    + " by more than " + MONOTONE_TOLERANCE + ": " + Arrays.toString(lpa.values()));
        }
    }

    /** Every depth of LPA but the last beats the same depth of end-to-end training. */
    static void checkBeatsEndToEnd(DepthCurve lpa, DepthCurve e2e) {
        for (int l = 1; l < lpa.depth(); l++) {
            assertTrue(lpa.at(l) < e2e.at(l), "LPA's depth " + l + " should beat E2E's: LPA " + Arrays.toString(lpa.values()) + ", E2E "
                    + Arrays.toString(e2e.values()));
        }
    }

    /** LPA's last depth is within {@link #LAST_DEPTH_FACTOR} of end-to-end training's. */
    static void checkLastDepthWithinFactor(DepthCurve lpa, DepthCurve e2e) {
        int last = lpa.depth();
        assertTrue(lpa.at(last) <= LAST_DEPTH_FACTOR * e2e.at(last), "LPA's last depth should be within " + LAST_DEPTH_FACTOR
                + " times E2E's: LPA " + Arrays.toString(lpa.values()) + ", E2E " + Arrays.toString(e2e.values()));
    }
}
