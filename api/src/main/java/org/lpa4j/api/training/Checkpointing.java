package org.lpa4j.api.training;

import java.time.Duration;
import java.util.Objects;
import org.lpa4j.api.InvalidSettingException;

/**
 * When a training run writes checkpoints, where, and whether it resumes from the one stored: at the end of every
 * {@code everyEpochs}-th epoch (0: never by count) and of the first epoch after {@code every} has passed since the last
 * one (null: never by time). With {@code resume}, a run continues from the stored checkpoint, which must exist and
 * belong to a run with the same settings and data.
 */
public record Checkpointing(CheckpointStore store, int everyEpochs, Duration every, boolean resume) {
    /** The default interval of checkpoints by time: a run shorter than this writes none. */
    public static final Duration DEFAULT_EVERY = Duration.ofMinutes(5);

    public Checkpointing {
        Objects.requireNonNull(store, "store is null");
        if (everyEpochs < 0) {
            throw new InvalidSettingException("checkpointEveryEpochs", "A checkpoint every " + everyEpochs + " epochs is not a schedule;"
                    + " give 0 (none by count) or a positive number.");
        }
        if (every != null && (every.isNegative() || every.isZero())) {
            throw new InvalidSettingException("checkpointEvery", "A checkpoint every " + every + " is not a schedule; give a positive time.");
        }
    }

    /** Checkpoints into {@code store} every {@link #DEFAULT_EVERY}, without resuming. */
    public static Checkpointing into(CheckpointStore store) {
        return new Checkpointing(store, 0, DEFAULT_EVERY, false);
    }

    /** These checkpoints also at the end of every {@code epochs}-th epoch. */
    public Checkpointing everyEpochs(int epochs) {
        return new Checkpointing(store, epochs, every, resume);
    }

    /** These checkpoints by time every {@code value} (null: never by time). */
    public Checkpointing every(Duration value) {
        return new Checkpointing(store, everyEpochs, value, resume);
    }

    /** These checkpoints in the part {@code name} of the store ({@link CheckpointStore#part}). */
    public Checkpointing part(String name) {
        return new Checkpointing(store.part(name), everyEpochs, every, resume);
    }

    /**
     * For one of several runs of a resumed training: these checkpoints resuming only when the store holds one (a run with
     * none had not begun, or had written none, and starts afresh, which gives what it would have given).
     */
    public Checkpointing resumingIfStored() {
        return resume && !store.holdsCheckpoint() ? new Checkpointing(store, everyEpochs, every, false) : this;
    }

    /** These checkpoints, continuing from the stored one. */
    public Checkpointing resuming() {
        return new Checkpointing(store, everyEpochs, every, true);
    }
}
