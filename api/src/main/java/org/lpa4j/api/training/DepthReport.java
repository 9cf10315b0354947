package org.lpa4j.api.training;

import java.util.List;

/**
 * The outcome of one run, as {@code report.json} holds it: the setting (task, architecture, backend, size, epochs, seed),
 * the chosen test metric and its direction, and per trainer that metric at every depth with its wall time; for
 * regression also the test max error at every depth.
 */
public record DepthReport(String task, String architecture, String backend, String metric, boolean lowerIsBetter, int depth, int width,
                          int epochs, long seed, List<DepthCurve> trainers, List<DepthCurve> maxError) {
    public DepthReport {
        trainers = List.copyOf(trainers);
        maxError = maxError == null ? List.of() : List.copyOf(maxError);
    }
}
