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
        if (epochs <= 0) {
            throw new Lpa4jException("A grade's epochs must be positive but is " + epochs + ".");
        }
        if (batchSize <= 0) {
            throw new Lpa4jException("A grade's batch size must be positive but is " + batchSize + ".");
        }
        if (!(maxRate > 0) || !Double.isFinite(maxRate)) {
            throw new Lpa4jException("The maximum learning rate t_max must be a positive number but is " + maxRate + ".");
        }
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
