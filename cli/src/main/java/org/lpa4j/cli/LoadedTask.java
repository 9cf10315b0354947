package org.lpa4j.cli;

import org.lpa4j.api.data.DataSplits;
import org.lpa4j.api.data.Metric;

/** A task ready to train on: its splits, the metric reported at every depth, and the shape facts of its examples. */
record LoadedTask(String name, DataSplits data, Metric metric, TaskShape shape) {

    /**
     * The second metric the report gives at every depth: the max error for regression, the cross-entropy beside
     * accuracy, the accuracy beside bits per character.
     */
    Metric secondaryMetric() {
        if (!metric.isClassification()) {
            return Metric.MAX_ERROR;
        }
        return metric == Metric.ACCURACY ? Metric.CROSS_ENTROPY : Metric.ACCURACY;
    }
}
