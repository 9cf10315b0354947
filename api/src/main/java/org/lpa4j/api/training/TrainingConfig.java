package org.lpa4j.api.training;

import java.util.Objects;
import org.lpa4j.api.Lpa4jException;
import org.lpa4j.api.compile.OptimizerSpec;
import org.lpa4j.api.tensor.DType;

/**
 * The hyperparameters of one training run, each a documented field: epochs, mini-batch size, base learning rate
 * and its schedule, the optimizer, the seed of initialisation and shuffling, early-stopping patience and the dtype.
 */
public record TrainingConfig(int epochs, int batchSize, double learningRate, LearningRateSchedule schedule,
                             OptimizerSpec optimizer, long seed, int patience, DType dtype) {
    public TrainingConfig {
        Objects.requireNonNull(schedule, "schedule is null");
        Objects.requireNonNull(optimizer, "optimizer is null");
        Objects.requireNonNull(dtype, "dtype is null");
        if (epochs <= 0) {
            throw new Lpa4jException("epochs must be positive but is " + epochs + ".");
        }
        if (batchSize <= 0) {
            throw new Lpa4jException("batchSize must be positive but is " + batchSize + ".");
        }
        if (!(learningRate > 0) || !Double.isFinite(learningRate)) {
            throw new Lpa4jException("learningRate must be a positive number but is " + learningRate + ".");
        }
        if (patience < 0) {
            throw new Lpa4jException("patience must be 0 (no early stopping) or positive but is " + patience + ".");
        }
        if (!dtype.isFloating()) {
            throw new Lpa4jException("dtype must be FLOAT32 or FLOAT64 but is " + dtype + ".");
        }
    }

    /** Good defaults for small tasks: 100 epochs, batch 128, Adam at 1e-3 with cosine decay, seed 0, no early stopping, FLOAT32. */
    public static TrainingConfig defaults() {
        return new TrainingConfig(100, 128, 1e-3, LearningRateSchedule.COSINE, OptimizerSpec.adam(), 0, 0, DType.FLOAT32);
    }

    public TrainingConfig withEpochs(int value) {
        return new TrainingConfig(value, batchSize, learningRate, schedule, optimizer, seed, patience, dtype);
    }

    public TrainingConfig withBatchSize(int value) {
        return new TrainingConfig(epochs, value, learningRate, schedule, optimizer, seed, patience, dtype);
    }

    public TrainingConfig withLearningRate(double value) {
        return new TrainingConfig(epochs, batchSize, value, schedule, optimizer, seed, patience, dtype);
    }

    public TrainingConfig withSchedule(LearningRateSchedule value) {
        return new TrainingConfig(epochs, batchSize, learningRate, value, optimizer, seed, patience, dtype);
    }

    public TrainingConfig withOptimizer(OptimizerSpec value) {
        return new TrainingConfig(epochs, batchSize, learningRate, schedule, value, seed, patience, dtype);
    }

    public TrainingConfig withSeed(long value) {
        return new TrainingConfig(epochs, batchSize, learningRate, schedule, optimizer, value, patience, dtype);
    }

    public TrainingConfig withPatience(int value) {
        return new TrainingConfig(epochs, batchSize, learningRate, schedule, optimizer, seed, value, dtype);
    }

    public TrainingConfig withDType(DType value) {
        return new TrainingConfig(epochs, batchSize, learningRate, schedule, optimizer, seed, patience, value);
    }
}
