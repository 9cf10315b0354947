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
}
