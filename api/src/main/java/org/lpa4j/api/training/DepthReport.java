package org.lpa4j.api.training;

import java.util.List;

/**
 * The outcome of one run, as {@code report.json} holds it: the setting (task, architecture, backend, size, epochs, seed),
 * the chosen test metric and its direction, and per trainer that metric at every depth with its wall time; then a
 * second test metric at every depth (max error for regression, cross-entropy for classification), named by
 * {@code secondaryMetric}.
 */
public record DepthReport(String task, String architecture, String backend, String metric, boolean lowerIsBetter, int depth, int width,
                          int epochs, long seed, List<DepthCurve> trainers, String secondaryMetric, List<DepthCurve> secondary) {
    public DepthReport {
        trainers = List.copyOf(trainers);
        secondary = secondary == null ? List.of() : List.copyOf(secondary);
    }
}
