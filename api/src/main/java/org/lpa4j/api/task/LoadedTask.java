package org.lpa4j.api.task;

import java.util.List;
import java.util.Objects;
import org.lpa4j.api.Lpa4jException;
import org.lpa4j.api.data.DataSplits;
import org.lpa4j.api.data.Metric;
import org.lpa4j.api.data.TaskShape;
import org.lpa4j.api.input.InputPreprocessing;

/**
 * A task ready to train on: its name, splits, the metric reported at every depth and a second one beside it, the
 * shape of its examples, and what a saved model of it records about its outputs: the name of each output (class
 * labels, or the token of each id of a next-token task, e.g. the characters of a vocabulary), or null when the outputs
 * have no names; and how a raw input became a network input ({@link InputPreprocessing}, with what it learned from the
 * training split), or null when the task does not say, so that a saved model can read the task's raw form.
 */
public record LoadedTask(String name, DataSplits data, Metric metric, Metric secondaryMetric, TaskShape shape, List<String> labels,
                         InputPreprocessing preprocessing) {

    public LoadedTask {
        Objects.requireNonNull(name, "name is null");
        Objects.requireNonNull(data, "data is null");
        Objects.requireNonNull(metric, "metric is null");
        Objects.requireNonNull(secondaryMetric, "secondaryMetric is null");
        Objects.requireNonNull(shape, "shape is null");
        labels = labels == null ? null : List.copyOf(labels);
        String misfit = preprocessing == null ? null : preprocessing.misfit(shape);
        if (misfit != null) {
            throw new Lpa4jException("Task " + name + " records an input preprocessing that does not fit its examples: " + misfit + ".");
        }
    }

    /** A task that does not say how a raw input becomes a network input. */
    public LoadedTask(String name, DataSplits data, Metric metric, Metric secondaryMetric, TaskShape shape, List<String> labels) {
        this(name, data, metric, secondaryMetric, shape, labels, null);
    }

    /** A task whose outputs have no names, with the usual second metric for {@code metric}. */
    public LoadedTask(String name, DataSplits data, Metric metric, TaskShape shape) {
        this(name, data, metric, secondaryFor(metric), shape, null, null);
    }

    /** A task whose outputs are named by {@code labels}, with the usual second metric for {@code metric}. */
    public LoadedTask(String name, DataSplits data, Metric metric, TaskShape shape, List<String> labels) {
        this(name, data, metric, secondaryFor(metric), shape, labels, null);
    }

    /** This task, recording that its raw inputs become network inputs through {@code value}. */
    public LoadedTask withPreprocessing(InputPreprocessing value) {
        return new LoadedTask(name, data, metric, secondaryMetric, shape, labels, value);
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
