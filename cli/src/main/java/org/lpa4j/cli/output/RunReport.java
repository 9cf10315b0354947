package org.lpa4j.cli.output;

import java.util.List;
import org.lpa4j.api.training.DepthCurve;

/** The content of {@code report.json}: the run's setting and, per trainer, the test metric at every depth and the wall time. */
public record RunReport(String task, String architecture, String backend, String metric, boolean lowerIsBetter, int depth, int width,
                        int epochs, long seed, List<DepthCurve> trainers) {
}
