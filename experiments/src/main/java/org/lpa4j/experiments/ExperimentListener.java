package org.lpa4j.experiments;

import java.util.List;
import org.lpa4j.api.training.TrainingListener;

/**
 * Receives an experiment's progress: each seed's start and finished report, each trainer's start, and every training
 * event of its trainers (a {@link TrainingListener}). Each listener does one job, e.g. a progress bar or a log. Trainers
 * that take turns ({@link Experiment#interleaved()}) send their events from threads of their own, one at a time, each
 * event after the one before it; the trainings' events interleave an epoch at a time.
 */
public interface ExperimentListener extends TrainingListener {

    /** A seed's run starts: its data is loaded and its backend open. */
    default void onSeedBegin(SeedStart start) {
    }

    /** Trainer {@code trainer} starts training the models of {@code depths} (one model of the network's depth for most trainers). */
    default void onTrainerBegin(String trainer, List<Integer> depths) {
    }

    /** A seed's run is complete: every trainer's test metric at every depth. */
    default void onSeedEnd(DepthReport report) {
    }
}
