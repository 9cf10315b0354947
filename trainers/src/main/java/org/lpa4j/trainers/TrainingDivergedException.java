package org.lpa4j.trainers;

import org.lpa4j.api.Lpa4jException;

/** The loss became NaN or infinite; the message says where and how to recover. */
public class TrainingDivergedException extends Lpa4jException {
    private static final long serialVersionUID = 1L;

    public TrainingDivergedException(String trainer, int epoch, int batch, double learningRate) {
        super("Training with " + trainer + " diverged: the loss became non-finite at epoch " + epoch + ", batch " + batch
                + " (learning rate " + learningRate + "). Lower the learning rate, e.g. --lr " + learningRate / 10
                + ", or check the data for extreme values.");
    }
}
