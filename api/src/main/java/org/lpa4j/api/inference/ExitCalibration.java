package org.lpa4j.api.inference;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;
import java.util.TreeSet;
import org.lpa4j.api.Lpa4jException;
import org.lpa4j.api.data.Metric;
import org.lpa4j.api.data.TensorDataset;
import org.lpa4j.api.model.ProgressiveModel;
import org.lpa4j.api.tensor.HostTensor;

/**
 * Chooses the exit policy with the smallest mean depth whose metric loss against the full depth stays within what the
 * user accepts, on a validation split, with a margin: a candidate passes only when the {@value #BOUND_QUANTILE}
 * quantile of its loss over {@value #RESAMPLES} paired bootstrap resamples of the split is accepted, not just its
 * point estimate. (0.3 accuracy points of a 5,000-image split is 15 images; a policy set at the edge of the point
 * estimate loses more than that on the test split.) For accuracy the bound is also at least {@value #UNSEEN_ROWS}
 * rows' worth ({@value #UNSEEN_ROWS}/n, the rule of three): when the policy and the full depth are right on exactly
 * the same validation rows the bootstrap sees no spread, yet a split of n rows cannot vouch for a smaller loss.
 * Classifiers try a confidence threshold shared by every depth and patience, regression a correction tolerance; each
 * with every depth cap. An adaptive policy is kept only when it saves at least {@value #MIN_BLOCKS_SAVED} blocks per
 * row over the shallowest fixed depth that meets the loss; otherwise that fixed depth is the policy.
 */
public final class ExitCalibration {
    /** Bootstrap resamples of the validation split per candidate. */
    public static final int RESAMPLES = 200;
    /** The quantile of the bootstrap loss that must stay within the accepted loss. */
    public static final double BOUND_QUANTILE = 0.95;
    /** Rows whose loss a split of n rows cannot rule out (95% upper bound of a count of 0): accuracy bounds are at least this / n. */
    public static final int UNSEEN_ROWS = 3;
    /**
     * Blocks per row an adaptive policy must save, on average, over the shallowest fixed depth that meets the loss: it runs
     * one program per block instead of one in all, so a smaller saving is slower in wall-clock time.
     */
    public static final double MIN_BLOCKS_SAVED = 0.5;
    /** Threshold candidates per family and cap, taken at evenly spaced quantiles of the signal. */
    static final int GRID = 64;
    private static final long SEED = 0;

    private ExitCalibration() {
    }

    /** Calibrates on {@code validation} with the model's readouts at every depth. */
    public static CalibratedExit calibrate(ProgressiveModel model, TensorDataset validation, Metric metric, AcceptedLoss accepted) {
        return calibrate(model.predictAll(validation.x()), validation.y(), metric, accepted);
    }

    /** Calibrates on readouts already computed at every depth ({@code readouts.get(k - 1)} is depth k) against {@code targets}. */
    public static CalibratedExit calibrate(List<HostTensor> readouts, HostTensor targets, Metric metric, AcceptedLoss accepted) {
        ExitSimulation simulation = new ExitSimulation(readouts);
        int depth = simulation.depth();
        HostTensor full = readouts.get(depth - 1);
        double fullMetric = metric.evaluate(full, targets);
        requireFinite(metric, fullMetric);
        List<Candidate> candidates = new ArrayList<>();
        for (ExitPolicy p : candidates(simulation, metric)) {
            ExitResult r = simulation.apply(p);
            double value = metric.evaluate(r.predictions(), targets);
            candidates.add(new Candidate(p, r, value, accepted.loss(metric, value, fullMetric)));
        }
        candidates.sort(Comparator.comparingDouble((Candidate c) -> c.result.meanDepth()).thenComparingDouble(c -> c.loss));
        SplittableRandom random = new SplittableRandom(SEED);
        int[][] resamples = new int[RESAMPLES][];
        for (int b = 0; b < RESAMPLES; b++) {
            resamples[b] = random.ints(simulation.rows(), 0, simulation.rows()).toArray();
        }
        Candidate fixed = null;
        for (Candidate c : candidates) {
            if (c.policy instanceof ExitPolicy.FixedDepth && passes(c, full, targets, metric, accepted, resamples)) {
                fixed = c;
                break;
            }
        }
        for (Candidate c : candidates) {
            boolean adaptive = !(c.policy instanceof ExitPolicy.FixedDepth);
            if (fixed != null && (c == fixed || adaptive && c.result.meanDepth() > fixed.result.meanDepth() - MIN_BLOCKS_SAVED)) {
                return calibrated(fixed, candidates, full, targets, metric, accepted, fullMetric, resamples);
            }
            if (adaptive && passes(c, full, targets, metric, accepted, resamples)) {
                return calibrated(c, candidates, full, targets, metric, accepted, fullMetric, resamples);
            }
        }
        throw new Lpa4jException("No exit policy, not even the full depth, met the accepted loss; this cannot happen unless the metric"
                + " is not deterministic.");
    }

    private static boolean passes(Candidate c, HostTensor full, HostTensor targets, Metric metric, AcceptedLoss accepted, int[][] resamples) {
        return accepted.accepts(c.loss) && accepted.accepts(lossBound(c.result.predictions(), full, targets, metric, accepted, resamples));
    }

    private static CalibratedExit calibrated(Candidate c, List<Candidate> candidates, HostTensor full, HostTensor targets, Metric metric,
            AcceptedLoss accepted, double fullMetric, int[][] resamples) {
        double bound = lossBound(c.result.predictions(), full, targets, metric, accepted, resamples);
        return new CalibratedExit(c.policy, metric, accepted, fullMetric, c.value, c.result.meanDepth(), bound, curve(candidates, c.policy));
    }

    private record Candidate(ExitPolicy policy, ExitResult result, double value, double loss) {
    }

    private static List<ExitPolicy> candidates(ExitSimulation simulation, Metric metric) {
        int depth = simulation.depth();
        List<ExitPolicy> out = new ArrayList<>();
        for (int cap = 1; cap <= depth; cap++) {
            out.add(new ExitPolicy.FixedDepth(cap));
        }
        boolean classes = metric.isClassification();
        double[] grid = thresholds(simulation, classes);
        for (int cap = 2; cap <= depth; cap++) {
            for (double t : grid) {
                out.add(classes ? ExitPolicy.Confidence.shared(t, cap) : new ExitPolicy.Correction(t, cap));
            }
            if (classes) {
                for (int p = 1; p < cap; p++) {
                    out.add(new ExitPolicy.Patience(p, cap));
                }
            }
        }
        return out;
    }

    /** Evenly spaced quantiles of the signal at depths 1..L-1 (confidence, or the finite corrections), and the extremes. */
    private static double[] thresholds(ExitSimulation simulation, boolean classes) {
        List<Double> values = new ArrayList<>();
        for (int k = 1; k < simulation.depth(); k++) {
            for (int i = 0; i < simulation.rows(); i++) {
                DepthSignals s = simulation.signals(k, i);
                double v = classes ? s.confidence() : s.correction();
                if (Double.isFinite(v)) {
                    values.add(v);
                }
            }
        }
        TreeSet<Double> grid = new TreeSet<>();
        if (classes) {
            for (int j = 1; j <= 6; j++) {
                grid.add(1 - Math.pow(10, -j));
            }
        }
        if (!values.isEmpty()) {
            double[] sorted = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
            for (int q = 0; q <= GRID; q++) {
                grid.add(sorted[(int) Math.min(sorted.length - 1, Math.round((double) q / GRID * (sorted.length - 1)))]);
            }
        }
        return grid.stream().mapToDouble(Double::doubleValue).filter(v -> !classes || v <= 1).toArray();
    }

    /** The {@link #BOUND_QUANTILE} quantile of the loss over paired bootstrap resamples (the same rows for both models). */
    private static double lossBound(HostTensor predictions, HostTensor full, HostTensor targets, Metric metric, AcceptedLoss accepted,
            int[][] resamples) {
        if (predictions.equals(full)) {
            return 0;
        }
        double[] losses = new double[resamples.length];
        for (int b = 0; b < resamples.length; b++) {
            int[] rows = resamples[b];
            HostTensor y = TensorDataset.rows(targets, rows);
            double fullValue = metric.evaluate(TensorDataset.rows(full, rows), y);
            losses[b] = accepted.loss(metric, metric.evaluate(TensorDataset.rows(predictions, rows), y), fullValue);
        }
        Arrays.sort(losses);
        double bound = losses[(int) Math.ceil(BOUND_QUANTILE * losses.length) - 1];
        if (metric == Metric.ACCURACY) {
            double fullValue = metric.evaluate(full, targets);
            double unseen = (double) UNSEEN_ROWS / targets.shape().dim(0);
            bound = Math.max(bound, accepted.loss(metric, fullValue - unseen, fullValue));
        }
        return bound;
    }

    /** The candidates of the chosen policy's family and cap, as the threshold moves, ordered by mean depth. */
    private static List<ExitPoint> curve(List<Candidate> candidates, ExitPolicy chosen) {
        return candidates.stream()
                .filter(c -> c.policy.getClass() == chosen.getClass() && c.policy.cap() == chosen.cap())
                .map(c -> new ExitPoint(c.policy, c.result.meanDepth(), c.value))
                .toList();
    }

    private static void requireFinite(Metric metric, double value) {
        if (!Double.isFinite(value)) {
            throw new Lpa4jException("The full depth's " + metric.label() + " on the validation split is " + value
                    + "; calibration needs a finite metric (the model's outputs may have diverged).");
        }
    }
}
