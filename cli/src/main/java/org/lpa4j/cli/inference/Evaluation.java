package org.lpa4j.cli.inference;

import org.lpa4j.api.inference.ExitFigures;
import org.lpa4j.api.inference.DepthFigures;
import java.util.List;

/** What {@code lpa4j evaluate} measured for one saved model: every depth, then the calibrated exit policy (null if none applies). */
public record Evaluation(String model, String task, String architecture, String backend, String engineVersion, String metric,
        String secondMetric, boolean lowerIsBetter, int testExamples, List<DepthFigures> depths, ExitFigures exit, String exitNote) {
}
