package org.lpa4j.api.task;

import java.util.Map;
import java.util.Objects;
import org.lpa4j.api.data.DataSplits;
import org.lpa4j.api.data.Metric;
import org.lpa4j.api.data.TaskShape;

/**
 * A task ready to train on: its name, splits, the metric reported at every depth and a second one beside it, the
 * shape of its examples, and the artifacts a saved model of it needs besides its weights (file name to a value
 * written as JSON, e.g. a vocabulary).
 */
public record LoadedTask(String name, DataSplits data, Metric metric, Metric secondaryMetric, TaskShape shape, Map<String, Object> artifacts) {

    public LoadedTask {
        Objects.requireNonNull(name, "name is null");
        Objects.requireNonNull(data, "data is null");
        Objects.requireNonNull(metric, "metric is null");
        Objects.requireNonNull(secondaryMetric, "secondaryMetric is null");
        Objects.requireNonNull(shape, "shape is null");
        artifacts = Map.copyOf(artifacts);
    }

    /** A task without artifacts, with the usual second metric for {@code metric}. */
    public LoadedTask(String name, DataSplits data, Metric metric, TaskShape shape) {
        this(name, data, metric, secondaryFor(metric), shape, Map.of());
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
