package org.lpa4j.api.task;

import java.util.List;
import java.util.Objects;
import org.lpa4j.api.data.DataSplits;
import org.lpa4j.api.data.Metric;
import org.lpa4j.api.data.TaskShape;

/**
 * A task ready to train on: its name, splits, the metric reported at every depth and a second one beside it, the
 * shape of its examples, and what a saved model of it records about its outputs: the name of each output (class
 * labels, or the token of each id of a next-token task, e.g. the characters of a vocabulary), or null when the outputs
 * have no names.
 */
public record LoadedTask(String name, DataSplits data, Metric metric, Metric secondaryMetric, TaskShape shape, List<String> labels) {

    public LoadedTask {
        Objects.requireNonNull(name, "name is null");
        Objects.requireNonNull(data, "data is null");
        Objects.requireNonNull(metric, "metric is null");
        Objects.requireNonNull(secondaryMetric, "secondaryMetric is null");
        Objects.requireNonNull(shape, "shape is null");
        labels = labels == null ? null : List.copyOf(labels);
    }

    /** A task whose outputs have no names, with the usual second metric for {@code metric}. */
    public LoadedTask(String name, DataSplits data, Metric metric, TaskShape shape) {
        this(name, data, metric, secondaryFor(metric), shape, null);
    }

    /** A task whose outputs are named by {@code labels}, with the usual second metric for {@code metric}. */
    public LoadedTask(String name, DataSplits data, Metric metric, TaskShape shape, List<String> labels) {
        this(name, data, metric, secondaryFor(metric), shape, labels);
    }

    /**
     * The usual second metric beside {@code metric}: the max error for regression, the cross-entropy beside accuracy,
     * the accuracy beside bits per character.
     */
    public static Metric secondaryFor(Metric metric) {
        if (!metric.isClassification()) {
            return Metric.MAX_ERROR;
        }
        return metric == Metric.ACCURACY ? Metric.CROSS_ENTROPY : Metric.ACCURACY;
    }
}
