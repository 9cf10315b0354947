package org.lpa4j.experiments;

import java.util.List;
import org.lpa4j.api.backend.Backend;
import org.lpa4j.api.data.Metric;

/**
 * What an experiment gives: one {@link DepthReport} per seed (every trainer's test metric and second metric at every
 * depth, with its time, and the gaps to a reference column), their {@link SeedsReport summary} over the seeds, and the
 * trained models with their provenance. Closing it closes the models it still holds and their backend.
 */
public final class ExperimentResult implements AutoCloseable {
    private final List<DepthReport> runs;
    private final SeedsReport summary;
    private final List<TrainedModel> models;
    private final Metric metric;
    private final Metric secondaryMetric;
    private final Backend backend;

    ExperimentResult(List<DepthReport> runs, List<TrainedModel> models, Metric metric, Metric secondaryMetric, Backend backend) {
        this.runs = List.copyOf(runs);
        this.summary = SeedsReport.of(runs);
        this.models = List.copyOf(models);
        this.metric = metric;
        this.secondaryMetric = secondaryMetric;
        this.backend = backend;
    }

    /** One report per seed, in the experiment's order of seeds. */
    public List<DepthReport> runs() {
        return runs;
    }

    /** Every column's mean and spread over the seeds (a spread of 0 for one seed). */
    public SeedsReport summary() {
        return summary;
    }

    /** What {@code report.json} holds: the one seed's report, or the summary of several. */
    public Object report() {
        return runs.size() == 1 ? runs.get(0) : summary;
    }

    /** Every model trained, with where it is saved and what it records; a model reused by a second trainer appears once. */
    public List<TrainedModel> models() {
        return models;
    }

    /** The task's metric, the one every table and plot is about. */
    public Metric metric() {
        return metric;
    }

    /** The task's second metric (max error for regression, cross-entropy for classification). */
    public Metric secondaryMetric() {
        return secondaryMetric;
    }

    @Override
    public void close() {
        try {
            models.stream().filter(m -> m.model() != null).forEach(m -> m.model().close());
        } finally {
            if (backend != null) {
                backend.close();
            }
        }
    }
}
