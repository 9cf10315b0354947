package org.lpa4j.cli;

import java.util.Map;
import org.lpa4j.api.data.DataSplits;
import org.lpa4j.api.data.Metric;
import org.lpa4j.api.data.TaskShape;

/**
 * A task ready to train on: its splits, the metric reported at every depth, the shape facts of its examples, and the
 * artifacts a saved model of it needs besides its weights (file name to a value written as JSON, e.g. a vocabulary).
 */
record LoadedTask(String name, DataSplits data, Metric metric, TaskShape shape, Map<String, Object> artifacts) {

    LoadedTask {
        artifacts = Map.copyOf(artifacts);
    }

    /** A task without artifacts. */
    LoadedTask(String name, DataSplits data, Metric metric, TaskShape shape) {
        this(name, data, metric, shape, Map.of());
    }

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
