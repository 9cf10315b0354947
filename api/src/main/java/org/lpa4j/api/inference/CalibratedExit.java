package org.lpa4j.api.inference;

import java.util.List;
import org.lpa4j.api.data.Metric;

/**
 * The exit policy calibration chose, with what it measured on the validation split: the full depth's metric, the
 * policy's metric and mean exit depth, the upper bound of its loss that had to stay within {@code accepted}, and the
 * curve of its family (same kind and cap) as the threshold moves, ordered by mean depth.
 */
public record CalibratedExit(ExitPolicy policy, Metric metric, AcceptedLoss accepted, double fullMetric, double metricValue,
        double meanDepth, double lossBound, List<ExitPoint> curve) {
    public CalibratedExit {
        curve = List.copyOf(curve);
    }
}
