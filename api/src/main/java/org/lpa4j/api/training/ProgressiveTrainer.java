package org.lpa4j.api.training;

import java.util.List;
import java.util.Map;
import org.lpa4j.api.InvalidSettingException;
import org.lpa4j.api.backend.Backend;
import org.lpa4j.api.data.DataSplits;
import org.lpa4j.api.data.Metric;
import org.lpa4j.api.model.ResidualNetwork;

/** Trains a residual network on a backend so that every depth is a usable model, and reports the metric per depth. */
public interface ProgressiveTrainer {

    /** A short name for reports: {@code e2e}, {@code lpa}, ... */
    String name();

    /** The trainer's settings beyond its name, by name, as a saved model records them; empty when it has none. */
    default Map<String, Object> options() {
        return Map.of();
    }

    /**
     * The trainer's options record as a model it trained on {@code data} saves it: {@link #options()}, with every
     * setting the trainer resolves from the data recorded as it resolved it (LPA: its form, and its depth weighting
     * as chosen for the data's loss). The manifest keeps trainer-specific settings only here.
     */
    default Map<String, Object> recordedOptions(DataSplits data) {
        return options();
    }

    /**
     * The architecture this trainer trains when an experiment asks for {@code requested}: that one, unless the trainer
     * needs a kind of network of its own (the multigrade trainer trains grades).
     */
    default String architecture(String requested) {
        return requested;
    }

    /**
     * The networks this trainer trains for an experiment's {@code network}, one model each: the network itself, or for a
     * reference of one model per depth (the separate models) the network cut after each of its depths.
     */
    default List<ResidualNetwork> networks(ResidualNetwork network) {
        return List.of(network);
    }

    /**
     * The trainer whose model of the same network, settings and data would be this one's own, so an experiment trains it
     * once: this trainer's own name unless it trains as another does (the separate models train as {@code e2e}).
     */
    default String trainsLike() {
        return name();
    }

    /** Whether this trainer writes and resumes checkpoints ({@link Checkpointing}); one that does not refuses them. */
    default boolean writesCheckpoints() {
        return false;
    }

    /**
     * Trains {@code network} on {@code data.train()}, stops early on {@code data.validation()}, and evaluates {@code data.test()};
     * the time it reports leaves out what its listeners held it up ({@link TrainingListener#totalHeldNanos}).
     */
    TrainingResult train(Backend backend, ResidualNetwork network, DataSplits data, TrainingConfig config, Metric metric,
                         List<TrainingListener> listeners);

    /**
     * {@link #train} with checkpoints (null: none) from which a killed run continues exactly ({@link Checkpointing});
     * a trainer that cannot write them refuses them with a sentence.
     */
    default TrainingResult train(Backend backend, ResidualNetwork network, DataSplits data, TrainingConfig config, Metric metric,
                                 List<TrainingListener> listeners, Checkpointing checkpoints) {
        if (checkpoints != null) {
            throw new InvalidSettingException("checkpoints", "The " + name() + " trainer writes no checkpoints, so its runs cannot be"
                    + " resumed; train it without checkpoints.");
        }
        return train(backend, network, data, config, metric, listeners);
    }
}
