package org.lpa4j.experiments;

import org.lpa4j.api.training.DepthCurve;
import java.util.List;

/**
 * The outcome of one run, as {@code report.json} holds it: the setting (task, architecture, backend, size, epochs, seed),
 * the chosen test metric and its direction, and per trainer that metric at every depth with its wall time; then a
 * second test metric at every depth (max error for regression, cross-entropy for classification), named by
 * {@code secondaryMetric}; and, when a reference column such as the separately trained models was run, each trainer's
 * {@link DepthGap gap} to it at every depth.
 */
public record DepthReport(String task, String architecture, String backend, String metric, boolean lowerIsBetter, int depth, int width,
                          int epochs, long seed, List<DepthCurve> trainers, String secondaryMetric, List<DepthCurve> secondary,
                          List<DepthGap> gaps) {
    public DepthReport {
        trainers = List.copyOf(trainers);
        secondary = secondary == null ? List.of() : List.copyOf(secondary);
        gaps = gaps == null ? List.of() : List.copyOf(gaps);
    }

    /** A report without gaps (no reference column was run). */
    public DepthReport(String task, String architecture, String backend, String metric, boolean lowerIsBetter, int depth, int width,
                       int epochs, long seed, List<DepthCurve> trainers, String secondaryMetric, List<DepthCurve> secondary) {
        this(task, architecture, backend, metric, lowerIsBetter, depth, width, epochs, seed, trainers, secondaryMetric, secondary, List.of());
    }
}
