package org.lpa4j.api.inference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.lpa4j.api.data.Metric;
import org.lpa4j.api.tensor.HostTensor;
import org.lpa4j.api.tensor.Shape;

/**
 * Calibration on seeded readouts of a classifier whose depths improve like an LPA model's: easy rows are right and
 * confident early, hard rows only late.
 */
class ExitCalibrationTest {
    private static final int ROWS = 4000;
    private static final int CLASSES = 10;
    private static final int DEPTH = 6;

    private final HostTensor labels;
    private final List<HostTensor> readouts = new ArrayList<>();

    ExitCalibrationTest() {
        SplittableRandom random = new SplittableRandom(7);
        int[] y = new int[ROWS];
        double[] difficulty = new double[ROWS];
        for (int i = 0; i < ROWS; i++) {
            y[i] = random.nextInt(CLASSES);
            difficulty[i] = random.nextDouble();
        }
        labels = HostTensor.ofInts(Shape.of(ROWS), y);
        for (int k = 1; k <= DEPTH; k++) {
            double[] scores = new double[ROWS * CLASSES];
            for (int i = 0; i < ROWS; i++) {
                for (int c = 0; c < CLASSES; c++) {
                    scores[i * CLASSES + c] = random.nextGaussian();
                }
                // the margin of the true class grows with depth and shrinks with the row's difficulty
                scores[i * CLASSES + y[i]] += 8.0 * k / DEPTH * (1.2 - difficulty[i]);
            }
            readouts.add(HostTensor.ofDoubles(Shape.of(ROWS, CLASSES), scores));
        }
    }

    @Test
    void theChosenPolicyIsShallowerThanTheFullDepthAndItsBootstrapBoundIsWithinTheAcceptedLoss() {
        AcceptedLoss accepted = AcceptedLoss.defaultFor(Metric.ACCURACY);
        CalibratedExit c = ExitCalibration.calibrate(readouts, labels, Metric.ACCURACY, accepted);
        double full = Metric.ACCURACY.evaluate(readouts.get(DEPTH - 1), labels);
        assertEquals(full, c.fullMetric(), 1e-12);
        ExitResult r = new ExitSimulation(readouts).apply(c.policy());
        assertEquals(Metric.ACCURACY.evaluate(r.predictions(), labels), c.metricValue(), 1e-12);
        assertEquals(r.meanDepth(), c.meanDepth(), 1e-12);
        assertTrue(c.meanDepth() < DEPTH, "mean depth " + c.meanDepth());
        assertTrue(c.lossBound() <= accepted.amount(), "bound " + c.lossBound());
        assertTrue(c.lossBound() >= accepted.loss(Metric.ACCURACY, c.metricValue(), full) - 0.01, "the bound is an upper quantile of the loss");
        assertTrue(c.curve().stream().anyMatch(p -> p.policy().equals(c.policy())));
    }

    @Test
    void aLargerAcceptedLossNeverGivesADeeperPolicy_andNoLossKeepsTheFullDepthsAccuracy() {
        double strict = ExitCalibration.calibrate(readouts, labels, Metric.ACCURACY, AcceptedLoss.absolute(0)).meanDepth();
        double loose = ExitCalibration.calibrate(readouts, labels, Metric.ACCURACY, AcceptedLoss.absolute(0.02)).meanDepth();
        assertTrue(loose <= strict, loose + " > " + strict);
        CalibratedExit none = ExitCalibration.calibrate(readouts, labels, Metric.ACCURACY, AcceptedLoss.absolute(0));
        assertTrue(none.metricValue() >= none.fullMetric(), none.metricValue() + " < " + none.fullMetric());
    }

    @Test
    void regressionCalibratesACorrectionTolerance() {
        SplittableRandom random = new SplittableRandom(3);
        int n = 2000;
        double[] target = new double[n];
        for (int i = 0; i < n; i++) {
            target[i] = 1 + random.nextDouble();
        }
        List<HostTensor> values = new ArrayList<>();
        double[] noise = new double[n];
        for (int i = 0; i < n; i++) {
            noise[i] = random.nextGaussian();
        }
        for (int k = 1; k <= 4; k++) {
            double[] v = new double[n];
            for (int i = 0; i < n; i++) {
                // rows with small noise settle early; the error halves with every depth
                v[i] = target[i] + noise[i] * Math.abs(noise[i]) * Math.pow(0.5, k) * 0.2;
            }
            values.add(HostTensor.ofDoubles(Shape.of(n, 1), v));
        }
        HostTensor y = HostTensor.ofDoubles(Shape.of(n, 1), target);
        CalibratedExit c = ExitCalibration.calibrate(values, y, Metric.RELATIVE_L2, AcceptedLoss.defaultFor(Metric.RELATIVE_L2));
        assertTrue(c.policy() instanceof ExitPolicy.Correction || c.policy() instanceof ExitPolicy.FixedDepth, c.policy().describe());
        assertTrue(c.metricValue() <= c.fullMetric() * 1.05, c.metricValue() + " vs " + c.fullMetric());
        assertTrue(c.meanDepth() < 4, "mean depth " + c.meanDepth());
    }

    /**
     * Two depths right on exactly the same rows (the bootstrap sees no spread): a split of n rows cannot vouch for a loss
     * below 3/n, so an accepted loss under that keeps the full depth and one above it lets the shallower depth serve.
     */
    @Test
    void depthsRightOnTheSameRows_areBoundedByTheRuleOfThree_notByAZeroSpread() {
        int n = 100;
        double[] shallow = new double[n * 2];
        double[] full = new double[n * 2];
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) {
            labels[i] = i % 2;
            shallow[2 * i + labels[i]] = 1.0;
            full[2 * i + labels[i]] = 2.0;
        }
        List<HostTensor> two = List.of(HostTensor.ofDoubles(Shape.of(n, 2), shallow), HostTensor.ofDoubles(Shape.of(n, 2), full));
        HostTensor y = HostTensor.ofInts(Shape.of(n), labels);
        double margin = (double) ExitCalibration.UNSEEN_ROWS / n;
        CalibratedExit strict = ExitCalibration.calibrate(two, y, Metric.ACCURACY, AcceptedLoss.absolute(margin / 2));
        assertEquals(2.0, strict.meanDepth(), 1e-12, "a loss below 3/n cannot be vouched for: " + strict.policy().describe());
        CalibratedExit loose = ExitCalibration.calibrate(two, y, Metric.ACCURACY, AcceptedLoss.absolute(margin * 2));
        assertEquals(1.0, loose.meanDepth(), 1e-12, loose.policy().describe());
        assertEquals(margin, loose.lossBound(), 1e-12, "the bound is the rule of three's, not the bootstrap's zero");
    }
}
