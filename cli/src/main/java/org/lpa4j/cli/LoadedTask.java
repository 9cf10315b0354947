package org.lpa4j.cli;

import java.util.List;
import org.lpa4j.api.data.DataSplits;
import org.lpa4j.api.data.Metric;
import org.lpa4j.api.data.TaskShape;

/**
 * A task ready to train on: its splits, the metric reported at every depth, the shape facts of its examples, and what
 * a saved model of it records about its outputs: the name of each output (class labels, or the token of each id of a
 * next-token task, e.g. the characters of moby's vocabulary), or null when the outputs have no names.
 */
record LoadedTask(String name, DataSplits data, Metric metric, TaskShape shape, List<String> labels) {

    LoadedTask {
        labels = labels == null ? null : List.copyOf(labels);
    }

    /** A task whose outputs have no names. */
    LoadedTask(String name, DataSplits data, Metric metric, TaskShape shape) {
        this(name, data, metric, shape, null);
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
