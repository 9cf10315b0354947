package org.lpa4j.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestReporter;
import org.lpa4j.api.data.DataSplits;
import org.lpa4j.api.data.Metric;
import org.lpa4j.api.model.ResidualNetwork;
import org.lpa4j.api.tensor.DType;
import org.lpa4j.api.training.DepthCurve;
import org.lpa4j.api.training.ProgressiveTrainer;
import org.lpa4j.api.training.TrainingConfig;
import org.lpa4j.api.training.TrainingResult;
import org.lpa4j.architectures.readout.AdaptedReadouts;
import org.lpa4j.architectures.resnet.ResNet;
import org.lpa4j.datasets.cache.DataCache;
import org.lpa4j.datasets.images.ImageDataSet;
import org.lpa4j.datasets.images.SklearnDigits;
import org.lpa4j.trainers.lpa.LpaTrainer;

/**
 * Image classification on this backend: a small {@link ResNet} trained with LPA (joint form, adaptive depth weights:
 * the CLI's default) on the real sklearn digits has a test error that does not rise with depth by more than
 * {@link #MONOTONE_TOLERANCE} and a last-depth test accuracy of at least {@link #MIN_FINAL_ACCURACY}; the network has the
 * residual structure ({@link ResidualStructure}). Override {@link #network()}, {@link #data()}, {@link #config()} or
 * {@link #lpaTrainer()} to check your own.
 */
public class ImageClassificationConformance extends BackendConformance {

    /** Every obligation here trains or takes gradients. */
    @Override
    protected java.util.Set<org.lpa4j.api.backend.Capability> requiredCapabilities() {
        return java.util.Set.of(org.lpa4j.api.backend.Capability.TRAINING);
    }
    /**
     * err_l <= err_{l-1} + tol: a depth may misclassify at most 2 points more of the test split than the one before (5 of
     * its 269 digits). Two depths near 95% accuracy disagree on a few dozen digits, and a correct backend's own rounding
     * moves training enough to swing a few of them either way; at 1 point, trainings that differ only in that way failed
     * now and then.
     */
    public static final double MONOTONE_TOLERANCE = 0.02;
    /** The last depth's top-1 test accuracy on digits must reach this (10 classes: chance is 0.1). */
    public static final double MIN_FINAL_ACCURACY = 0.9;

    /** The checked network: 3 blocks of 8 channels on a 4x4 grid (2x2 patches of the 8x8 digits). */
    private static final int DEPTH = 3;
    private static final int WIDTH = 8;
    private static final int PATCH = 2;
    private static final int EPOCHS = 20;
    private static final int BATCH = 256;
    private static final double LEARNING_RATE = 0.03;
    private static final long SEED = 1;

    /** The architecture under test: by default a ResNet of 3 blocks of 8 channels on 2x2 patches of the 8x8 digits. */
    protected ResidualNetwork network() {
        return new ResNet(1, SklearnDigits.SIDE, SklearnDigits.SIDE, WIDTH, DEPTH, ImageDataSet.CLASSES, PATCH, DType.FLOAT32);
    }

    /** The data: by default the real sklearn digits from the data cache, in their stratified split. */
    protected DataSplits data() {
        return ImageDataSet.DIGITS.load(DataCache.locate(), 0, SEED);
    }

    /** The training setup: by default 20 epochs, batch 256, learning rate 0.03, seed 1. */
    protected TrainingConfig config() {
        return TrainingConfig.defaults().withEpochs(EPOCHS).withBatchSize(BATCH).withLearningRate(LEARNING_RATE).withSeed(SEED);
    }

    /** The LPA trainer under test: by default the library's (and the CLI's) default, {@code new LpaTrainer()}. */
    protected ProgressiveTrainer lpaTrainer() {
        return new LpaTrainer();
    }

    @Test
    void required_network_readoutLDependsOnExactlyBlocks1ToL_throughResidualConnections() {
        ResidualStructure.check(backend(), network(), config().seed());
    }

    @Test
    void required_lpa_testErrorDoesNotRiseWithDepth_andFinalAccuracyClearsTheBar(TestReporter reporter) {
        DepthCurve accuracy;
        try (TrainingResult r = lpaTrainer().train(backend(), network(), data(), config(), Metric.ACCURACY, List.of())) {
            accuracy = r.test();
        }
        reporter.publishEntry("lpa test accuracy by depth", Arrays.toString(accuracy.values()));
        checkAccuracy(accuracy);
    }

    /**
     * LPA's options for classifiers that change the graph (label smoothing, the per-depth readout adapter with its pooling) or the served
     * readouts (per-depth temperatures) train on this backend and keep the same checks; the model serves one temperature per depth.
     */
    @Test
    void required_lpaLabelSmoothingAdapterAndTemperatures_keepTheChecks(TestReporter reporter) {
        LpaTrainer lpa = new LpaTrainer().withLabelSmoothing(0.1).withReadoutAdapter(true).withReadoutPooling(true).withTemperatureCalibration(true);
        DepthCurve accuracy;
        try (TrainingResult r = lpa.train(backend(), network(), data(), config(), Metric.ACCURACY, List.of())) {
            accuracy = r.test();
            AdaptedReadouts served = assertInstanceOf(AdaptedReadouts.class, r.model().network());
            assertTrue(served.affine() && served.pooling());
            assertEquals(accuracy.depth(), served.temperatures().length);
            assertTrue(Arrays.stream(served.temperatures()).allMatch(t -> t > 0 && Double.isFinite(t)), Arrays.toString(served.temperatures()));
        }
        reporter.publishEntry("lpa (label smoothing 0.1, readout adapter and pooling, temperatures) test accuracy by depth", Arrays.toString(accuracy.values()));
        checkAccuracy(accuracy);
    }

    private static void checkAccuracy(DepthCurve accuracy) {
        for (int l = 2; l <= accuracy.depth(); l++) {
            double before = 1 - accuracy.at(l - 1);
            double after = 1 - accuracy.at(l);
            assertTrue(after <= before + MONOTONE_TOLERANCE, "LPA's test error rose from depth " + (l - 1) + " to " + l + " by more than "
                    + MONOTONE_TOLERANCE + ": accuracy by depth " + Arrays.toString(accuracy.values()));
        }
        assertTrue(accuracy.at(accuracy.depth()) >= MIN_FINAL_ACCURACY, "LPA's last depth should reach a test accuracy of "
                + MIN_FINAL_ACCURACY + " on digits: accuracy by depth " + Arrays.toString(accuracy.values()));
    }
}
