package org.lpa4j.api.training;

import java.util.Optional;

/**
 * Where a training run keeps its last checkpoint: each {@link #save} replaces the previous one as a whole, so a reader
 * finds the last complete checkpoint or none, never half of one.
 */
public interface CheckpointStore {

    /** Replaces the stored checkpoint with {@code checkpoint}, as a whole. */
    void save(TrainingCheckpoint checkpoint);

    /** The stored checkpoint, if there is one. */
    Optional<TrainingCheckpoint> load();

    /** Whether a checkpoint is stored (without reading it). */
    default boolean holdsCheckpoint() {
        return load().isPresent();
    }

    /** A store of its own inside this one, for one of several runs that make up a training (e.g. one separate model per depth). */
    CheckpointStore part(String name);
}
