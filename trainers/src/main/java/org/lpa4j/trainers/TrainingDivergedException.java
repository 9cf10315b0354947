package org.lpa4j.trainers;

import org.lpa4j.api.InvalidSettingException;

/**
 * The loss became NaN or infinite, or grew by orders of magnitude over its first value; the message says where and
 * suggests a lower learning rate.
 */
public class TrainingDivergedException extends InvalidSettingException {
    private static final long serialVersionUID = 1L;

    private final double suggestedLearningRate;

    private TrainingDivergedException(String message, double baseRate) {
        super("learningRate", message + " Lower the learning rate, e.g. to " + baseRate / 10 + ", or check the data for extreme values.");
        this.suggestedLearningRate = baseRate / 10;
    }

    /** The loss of step {@code batch} of {@code epoch}, at rate {@code learningRate} of the base {@code baseRate}, is NaN or infinite. */
    static TrainingDivergedException nonFinite(String stage, int epoch, int batch, double learningRate, double baseRate, double loss) {
        return new TrainingDivergedException("Training with " + stage + " diverged: the loss became " + loss + " at epoch " + epoch
                + ", batch " + batch + " (learning rate " + learningRate + " at that step).", baseRate);
    }

    /** The loss of step {@code batch} of {@code epoch} is more than {@code growth} times the stage's first loss. */
    static TrainingDivergedException growing(String stage, int epoch, int batch, double learningRate, double baseRate, double first,
                                             double loss, double growth) {
        return new TrainingDivergedException("Training with " + stage + " diverged: the loss grew from " + first + " at the first batch to "
                + loss + " at epoch " + epoch + ", batch " + batch + ", more than " + String.format("%.0e", growth)
                + " times its first value (learning rate " + learningRate + " at that step).", baseRate);
    }

    /** A tenth of the base learning rate of the run that diverged. */
    public double suggestedLearningRate() {
        return suggestedLearningRate;
    }
}
