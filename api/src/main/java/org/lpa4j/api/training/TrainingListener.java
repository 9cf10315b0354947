package org.lpa4j.api.training;

import java.util.List;

/** Receives progress events from a trainer; each listener does one job (progress bar, logging, divergence check). */
public interface TrainingListener {

    /** Training of {@code trainer} starts: {@code epochs} epochs of {@code batchesPerEpoch} mini-batches. */
    default void onTrainingBegin(String trainer, int epochs, int batchesPerEpoch) {
    }

    /** A mini-batch step finished with {@code loss} (before the update). */
    default void onBatch(String trainer, int epoch, int batch, double loss) {
    }

    /** An epoch finished: mean training loss and the validation metric at every depth. */
    default void onEpoch(String trainer, int epoch, double meanLoss, double[] validationPerDepth) {
    }

    /**
     * How long, in nanoseconds since it was made, this listener has held the training up on purpose (a turn-taking
     * runner's wait for the other trainers' turns; 0 for a listener that only observes). A trainer leaves it out of the
     * time it reports and of the time its checkpoints store, so a training's time is its own work.
     */
    default long heldNanos() {
        return 0;
    }

    /** The time {@code listeners} together have held a training up ({@link #heldNanos()}), which its time leaves out. */
    static long totalHeldNanos(List<? extends TrainingListener> listeners) {
        long held = 0;
        for (TrainingListener l : listeners) {
            held += l.heldNanos();
        }
        return held;
    }

    /** Training finished after {@code epochsRun} epochs in {@code seconds}. */
    default void onTrainingEnd(String trainer, int epochsRun, double seconds) {
    }
}
