package org.lpa4j.api.inference;

import java.util.List;

/**
 * The calibrated exit policy on the test split: what it is, what calibration measured on the validation split, its test
 * metric beside the full depth's, the mean exit depth and how many rows left at each depth, the blocks saved
 * (depth / mean exit depth), the measured wall-clock speedup over the full depth at batch 1 and batch 256 (on test rows
 * spread over the split; the median of interleaved rounds; at batch 256 also their first and third quartiles), and the
 * curve of its family on the test split as the threshold moves.
 */
public record ExitFigures(String policy, String acceptedLoss, double validationMetric, double validationLossBound, double testMetric,
        double fullDepthTestMetric, double meanDepth, long[] histogram, double fewerBlocks, double meanMultiplyAdds, double speedupBatch1,
        double speedupBatch256, double speedupBatch256Q1, double speedupBatch256Q3, List<CurvePoint> curve) {

    /** One policy of the curve on the test split. */
    public record CurvePoint(String policy, double meanDepth, double meanMultiplyAdds, double metric) {
    }
}
