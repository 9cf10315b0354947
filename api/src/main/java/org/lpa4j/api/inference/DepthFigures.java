package org.lpa4j.api.inference;

/**
 * One depth of a model on the test split: its metric and second metric, the expected calibration error (classifiers;
 * null otherwise), its parameters and multiply-adds per example, and the measured latency per example at batch 1 and
 * batch 256 (medians, microseconds).
 */
public record DepthFigures(int depth, double metric, double secondMetric, Double calibrationError, long parameters, long multiplyAdds,
        double microsPerExampleBatch1, double microsPerExampleBatch256) {
}
