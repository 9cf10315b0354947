package org.lpa4j.api.training;

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

    /** Training finished after {@code epochsRun} epochs in {@code seconds}. */
    default void onTrainingEnd(String trainer, int epochsRun, double seconds) {
    }
}
