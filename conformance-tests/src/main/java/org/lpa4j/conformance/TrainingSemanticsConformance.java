package org.lpa4j.conformance;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestReporter;
import org.lpa4j.api.data.DataSplits;
import org.lpa4j.api.data.Metric;
import org.lpa4j.api.model.ResidualNetwork;
import org.lpa4j.api.tensor.DType;
import org.lpa4j.api.training.DepthCurve;
import org.lpa4j.api.training.TrainingConfig;
import org.lpa4j.api.training.TrainingResult;
import org.lpa4j.api.layers.Activation;
import org.lpa4j.architectures.fnn.ResidualMlp;
import org.lpa4j.datasets.surfaces.Surface;
import org.lpa4j.datasets.surfaces.SurfaceTask;
import org.lpa4j.trainers.e2e.E2ETrainer;
import org.lpa4j.trainers.lpa.DepthWeighting;
import org.lpa4j.trainers.lpa.LpaForm;
import org.lpa4j.trainers.lpa.LpaTrainer;

/**
 * Training semantics: on this backend, a residual network trained with LPA on a seeded surface has a test error that
 * does not rise with depth (within {@link #MONOTONE_TOLERANCE}) and ends far below depth 1 (by {@link #FINAL_FACTOR}),
 * and beats end-to-end training at the intermediate depths. Override {@link #network()} to check your own architecture.
 */
public abstract class TrainingSemanticsConformance extends BackendConformance {
    /** e_l <= (1 + tol) e_{l-1}: a depth may be at most 3% worse than the one before (mini-batch noise). */
    public static final double MONOTONE_TOLERANCE = 0.03;
    /** e_L <= FINAL_FACTOR * e_1: the last depth must be at least twice as good as the first. */
    public static final double FINAL_FACTOR = 0.5;
    /** The depth of the checked network. */
    protected static final int DEPTH = 4;

    private DataSplits data;
    private TrainingConfig config;
    private DepthCurve lpaCurve;

    @BeforeAll
    final void generateData() {
        data = SurfaceTask.generate(Surface.PEAKS_2D, 1200, 3, DType.FLOAT32);
        config = TrainingConfig.defaults().withEpochs(60).withBatchSize(64).withLearningRate(1e-2).withSeed(5);
    }

    /** The architecture under test: a residual MLP of width 32 and depth {@link #DEPTH} with 2 inputs and 1 output. */
    protected ResidualNetwork network() {
        return new ResidualMlp(2, 32, DEPTH, 1, Activation.TANH, false, DType.FLOAT32);
    }

    private DepthCurve train(boolean lpa) {
        try (TrainingResult r = (lpa ? new LpaTrainer(LpaForm.JOINT, DepthWeighting.UNIFORM) : new E2ETrainer())
                .train(backend(), network(), data, config, Metric.RELATIVE_L2, List.of())) {
            return r.test();
        }
    }

    private DepthCurve lpa() {
        if (lpaCurve == null) {
            lpaCurve = train(true);
        }
        return lpaCurve;
    }

    @Test
    void required_lpa_testErrorIsMonotoneInDepth_andEndsFarBelowDepthOne(TestReporter reporter) {
        DepthCurve lpa = lpa();
        reporter.publishEntry("lpa relative L2 by depth", Arrays.toString(lpa.values()));
        for (int l = 2; l <= lpa.depth(); l++) {
            assertTrue(lpa.at(l) <= (1 + MONOTONE_TOLERANCE) * lpa.at(l - 1), "LPA's test error rose from depth " + (l - 1) + " to " + l
                    + " by more than " + MONOTONE_TOLERANCE + ": " + Arrays.toString(lpa.values()));
        }
        assertTrue(lpa.at(lpa.depth()) <= FINAL_FACTOR * lpa.at(1), "LPA's last depth should be at most " + FINAL_FACTOR
                + " of its first: " + Arrays.toString(lpa.values()));
    }

    @Test
    void required_lpa_beatsEndToEndAtIntermediateDepths(TestReporter reporter) {
        DepthCurve lpa = lpa();
        DepthCurve e2e = train(false);
        reporter.publishEntry("e2e relative L2 by depth", Arrays.toString(e2e.values()));
        double lpaMean = 0;
        double e2eMean = 0;
        for (int l = 1; l < lpa.depth(); l++) {
            lpaMean += lpa.at(l);
            e2eMean += e2e.at(l);
        }
        assertTrue(lpaMean < e2eMean, "LPA's depths 1..L-1 should beat E2E's: LPA " + Arrays.toString(lpa.values()) + ", E2E "
                + Arrays.toString(e2e.values()));
    }
}
