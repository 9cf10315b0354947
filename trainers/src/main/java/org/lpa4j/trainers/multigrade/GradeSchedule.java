package org.lpa4j.trainers.multigrade;

import org.lpa4j.api.Lpa4jException;
import org.lpa4j.api.training.LearningRateSchedule;
import org.lpa4j.api.training.TrainingConfig;

/**
 * How one grade is trained when it is not trained with the run's {@link TrainingConfig} as given: its epochs, its
 * mini-batch size, and a learning rate decaying exponentially per epoch from {@code maxRate} at the first epoch to
 * {@code minRate} at the last (the published MGDL schedule {@code t_max e^(-gamma i)}).
 */
public record GradeSchedule(int epochs, int batchSize, double maxRate, double minRate) {
    public GradeSchedule {
        // Epochs, batch size and the maximum rate are checked as every run's settings are.
        TrainingConfig.defaults().withEpochs(epochs).withBatchSize(batchSize).withLearningRate(maxRate);
        if (!(minRate > 0) || !(minRate <= maxRate)) {
            throw new Lpa4jException("The minimum learning rate t_min must be positive and at most t_max = " + maxRate + " but is " + minRate + ".");
        }
    }

    /** {@code base} with this grade's epochs, batch size and exponentially decaying rate; optimizer, seed and the rest stay. */
    public TrainingConfig apply(TrainingConfig base) {
        return base.withEpochs(epochs).withBatchSize(batchSize).withLearningRate(maxRate).withSchedule(LearningRateSchedule.EXPONENTIAL)
                .withFinalRateFraction(minRate / maxRate);
    }
}
