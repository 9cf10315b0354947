package org.lpa4j.api.training;

import java.util.Objects;
import org.lpa4j.api.InvalidSettingException;
import org.lpa4j.api.compile.OptimizerSpec;
import org.lpa4j.api.tensor.DType;

/**
 * The hyperparameters of one training run, each a documented field: epochs, mini-batch size, base learning rate,
 * its schedule and the fraction of it a decaying schedule ends at, the optimizer, the seed of initialisation and
 * shuffling, early-stopping patience and the dtype.
 */
public record TrainingConfig(int epochs, int batchSize, double learningRate, LearningRateSchedule schedule, double finalRateFraction,
                             OptimizerSpec optimizer, long seed, int patience, DType dtype) {
    /** The fraction of the base rate the decaying schedules end at unless told otherwise. */
    public static final double DEFAULT_FINAL_RATE_FRACTION = 0.01;

    public TrainingConfig {
        Objects.requireNonNull(schedule, "schedule is null");
        Objects.requireNonNull(optimizer, "optimizer is null");
        Objects.requireNonNull(dtype, "dtype is null");
        if (epochs <= 0) {
            throw new InvalidSettingException("epochs", "epochs must be positive but is " + epochs + ".");
        }
        if (batchSize <= 0) {
            throw new InvalidSettingException("batchSize", "batchSize must be positive but is " + batchSize + ".");
        }
        if (!(learningRate > 0) || !Double.isFinite(learningRate)) {
            throw new InvalidSettingException("learningRate", "learningRate must be a positive number but is " + learningRate + "; 1e-3 is a good start for Adam.");
        }
        if (!(finalRateFraction > 0) || finalRateFraction > 1) {
            throw new InvalidSettingException("finalRateFraction", "finalRateFraction must be in (0, 1] but is " + finalRateFraction
                    + "; it is the share of the learning rate a decaying schedule ends at.");
        }
        if (patience < 0) {
            throw new InvalidSettingException("patience", "patience must be 0 (no early stopping) or positive but is " + patience + ".");
        }
        if (!dtype.isFloating()) {
            throw new InvalidSettingException("dtype", "dtype must be FLOAT32 or FLOAT64 but is " + dtype + ".");
        }
    }

    /**
     * Good defaults for small tasks: 100 epochs, batch 128, Adam at 3e-3 with cosine decay, seed 0, no early stopping,
     * FLOAT32. The rate is the one every documented table was measured with (the command line's, and the examples' and
     * benches' own); the command line reads all of these from here.
     */
    public static TrainingConfig defaults() {
        return new TrainingConfig(100, 128, 3e-3, LearningRateSchedule.COSINE, DEFAULT_FINAL_RATE_FRACTION, OptimizerSpec.adam(), 0, 0,
                DType.FLOAT32);
    }

    /** The learning rate at step {@code step} of {@code totalSteps} (0-based), in epoch {@code epoch} (1-based). */
    public double learningRateAt(long step, long totalSteps, int epoch) {
        return schedule.at(learningRate, finalRateFraction, step, totalSteps, epoch, epochs);
    }

    public TrainingConfig withEpochs(int value) {
        return new TrainingConfig(value, batchSize, learningRate, schedule, finalRateFraction, optimizer, seed, patience, dtype);
    }

    public TrainingConfig withBatchSize(int value) {
        return new TrainingConfig(epochs, value, learningRate, schedule, finalRateFraction, optimizer, seed, patience, dtype);
    }

    public TrainingConfig withLearningRate(double value) {
        return new TrainingConfig(epochs, batchSize, value, schedule, finalRateFraction, optimizer, seed, patience, dtype);
    }

    public TrainingConfig withSchedule(LearningRateSchedule value) {
        return new TrainingConfig(epochs, batchSize, learningRate, value, finalRateFraction, optimizer, seed, patience, dtype);
    }

    /** The fraction of the base rate the decaying schedules ({@code COSINE}, {@code EXPONENTIAL}) end at. */
    public TrainingConfig withFinalRateFraction(double value) {
        return new TrainingConfig(epochs, batchSize, learningRate, schedule, value, optimizer, seed, patience, dtype);
    }

    public TrainingConfig withOptimizer(OptimizerSpec value) {
        return new TrainingConfig(epochs, batchSize, learningRate, schedule, finalRateFraction, value, seed, patience, dtype);
    }

    public TrainingConfig withSeed(long value) {
        return new TrainingConfig(epochs, batchSize, learningRate, schedule, finalRateFraction, optimizer, value, patience, dtype);
    }

    public TrainingConfig withPatience(int value) {
        return new TrainingConfig(epochs, batchSize, learningRate, schedule, finalRateFraction, optimizer, seed, value, dtype);
    }

    public TrainingConfig withDType(DType value) {
        return new TrainingConfig(epochs, batchSize, learningRate, schedule, finalRateFraction, optimizer, seed, patience, value);
    }
}
