package org.lpa4j.api.inference;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.lpa4j.api.data.DataSplits;
import org.lpa4j.api.data.Metric;
import org.lpa4j.api.data.OutputKind;
import org.lpa4j.api.data.TensorDataset;
import org.lpa4j.api.model.DepthCost;
import org.lpa4j.api.model.ProgressiveModel;
import org.lpa4j.api.tensor.HostTensor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Measures a trained model on its task's splits: per depth the test metrics, calibration error, cost and latency;
 * then the exit policy calibrated on the validation split for the accepted loss, applied to the test split with the
 * batched early exit, and timed against the full depth.
 */
public final class ModelEvaluation {
    /** The large batch of the latency and speedup figures. */
    public static final int LARGE_BATCH = 256;
    private static final Logger LOG = LoggerFactory.getLogger(ModelEvaluation.class);
    private static final int SINGLE_ROWS = 32;
    private static final int LARGE_BATCHES = 8;

    private final int repeats;

    /** {@code repeats}: timed runs per latency figure (their median is reported). */
    public ModelEvaluation(int repeats) {
        this.repeats = repeats;
    }

    /** The calibrated policy of {@code model} and every figure; {@code outputs} says whether early exit applies. */
    public Result evaluate(ProgressiveModel model, OutputKind outputs, DataSplits data, Metric metric, Metric secondMetric,
            AcceptedLoss accepted) {
        TensorDataset test = data.test();
        int depth = model.depth();
        DepthCost cost = DepthCost.of(model.network());
        List<HostTensor> readouts = model.predictAll(test.x());
        LOG.info("Timing {} depths at batch 1 and {}", depth, LARGE_BATCH);
        List<DepthFigures> depths = new ArrayList<>();
        HostTensor large = firstRows(test.x(), LARGE_BATCH);
        HostTensor single = firstRows(test.x(), 1);
        double[][] one = new double[depth][repeats];
        double[][] many = new double[depth][repeats];
        for (int k = 1; k <= depth; k++) {
            model.predict(single, k);
            model.predict(large, k);
        }
        // Depths interleaved in every repeat, so a burst of load on the machine hits every depth alike.
        for (int r = 0; r < repeats; r++) {
            for (int k = 1; k <= depth; k++) {
                int at = k;
                one[k - 1][r] = Latency.ms(() -> model.predict(single, at)) * 1000;
                many[k - 1][r] = Latency.ms(() -> model.predict(large, at)) * 1000 / large.shape().dim(0);
            }
        }
        for (int k = 1; k <= depth; k++) {
            HostTensor r = readouts.get(k - 1);
            depths.add(new DepthFigures(k, metric.evaluate(r, test.y()), secondMetric.evaluate(r, test.y()),
                    metric.isClassification() ? CalibrationError.of(r, test.y()) : null, cost.parameters(k), cost.multiplyAdds(k),
                    Latency.median(one[k - 1]), Latency.median(many[k - 1])));
        }
        if (outputs == OutputKind.NEXT_TOKEN) {
            return new Result(depths, null, null, "Early exit decides per example; a next-token model predicts at every position, so it"
                    + " has no exit policy here (speculative decoding uses its shallow readouts instead).");
        }
        LOG.info("Calibrating the exit policy on {} validation examples", data.validation().size());
        CalibratedExit calibrated = ExitCalibration.calibrate(model, data.validation(), metric, accepted);
        ExitResult exit = new EarlyExit(model, calibrated.policy()).run(test.x());
        ExitSimulation simulation = new ExitSimulation(readouts);
        List<ExitFigures.CurvePoint> curve = new ArrayList<>();
        for (ExitPoint p : calibrated.curve()) {
            ExitResult r = simulation.apply(p.policy());
            curve.add(new ExitFigures.CurvePoint(p.policy().describe(), r.meanDepth(), meanMultiplyAdds(r, cost), metric.evaluate(r.predictions(),
                    test.y())));
        }
        LOG.info("Timing the exit policy against the full depth");
        double speedup1 = Latency.median(speedups(model, calibrated, test.x(), 1, SINGLE_ROWS));
        double[] ratios = speedups(model, calibrated, test.x(), LARGE_BATCH, LARGE_BATCHES);
        ExitFigures figures = new ExitFigures(calibrated.policy().describe(), accepted.describe(metric), calibrated.metricValue(),
                calibrated.lossBound(), metric.evaluate(exit.predictions(), test.y()), metric.evaluate(readouts.get(depth - 1), test.y()),
                exit.meanDepth(), exit.histogram(depth), depth / exit.meanDepth(), meanMultiplyAdds(exit, cost), speedup1, Latency.median(ratios),
                Latency.quantile(ratios, 0.25), Latency.quantile(ratios, 0.75), curve);
        return new Result(depths, figures, calibrated, null);
    }

    /** The figures, the calibrated exit (null when early exit does not apply) and why it does not apply (else null). */
    public record Result(List<DepthFigures> depths, ExitFigures exit, CalibratedExit calibrated, String exitNote) {
    }

    private static double meanMultiplyAdds(ExitResult r, DepthCost cost) {
        return Arrays.stream(r.depths()).mapToDouble(cost::multiplyAdds).average().orElse(0);
    }

    /**
     * The full depth's wall-clock time over the exit policy's on the same {@code batches} batches of {@code rows} test
     * rows, the two interleaved in every repeat: one ratio per repeat. The batches are spread evenly from the first row of
     * the test split to its last, so they meet its mix of easy and hard rows, as the mean exit depth does (a data set's
     * first rows may be harder or easier than the rest: MNIST's first 2048 test images stay longer than the average).
     */
    private double[] speedups(ProgressiveModel model, CalibratedExit calibrated, HostTensor x, int rows, int batches) {
        int n = x.shape().dim(0);
        List<HostTensor> parts = new ArrayList<>();
        for (int from : spreadStarts(n, rows, batches)) {
            int to = Math.min(n, from + rows);
            int[] idx = new int[to - from];
            Arrays.setAll(idx, i -> from + i);
            parts.add(TensorDataset.rows(x, idx));
        }
        EarlyExit exit = new EarlyExit(model, calibrated.policy());
        int depth = model.depth();
        Runnable full = () -> parts.forEach(p -> model.predict(p, depth));
        Runnable early = () -> parts.forEach(exit::run);
        full.run();
        early.run();
        double[] ratios = new double[repeats];
        for (int r = 0; r < repeats; r++) {
            double tFull = Latency.ms(full);
            double tExit = Latency.ms(early);
            ratios[r] = tFull / tExit;
        }
        return ratios;
    }

    /**
     * The first rows of at most {@code batches} batches of {@code rows} rows out of {@code n}, spread evenly from the first
     * row to the last; one batch from row 0 when fewer than two fit (it holds all {@code n} rows when {@code n < rows}).
     */
    static int[] spreadStarts(int n, int rows, int batches) {
        int count = Math.max(1, Math.min(batches, n / rows));
        int stride = count > 1 ? (n - rows) / (count - 1) : 0;
        int[] starts = new int[count];
        Arrays.setAll(starts, b -> b * stride);
        return starts;
    }

    private static HostTensor firstRows(HostTensor x, int rows) {
        int[] idx = new int[Math.min(rows, x.shape().dim(0))];
        Arrays.setAll(idx, i -> i);
        return TensorDataset.rows(x, idx);
    }
}
