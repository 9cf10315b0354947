package org.lpa4j.api.data;

import java.util.Objects;
import org.lpa4j.api.Lpa4jException;

/** Train, validation and test splits of one task; the validation split drives early stopping, the test split the report. */
public record DataSplits(String task, TensorDataset train, TensorDataset validation, TensorDataset test) {
    public DataSplits {
        Objects.requireNonNull(task, "task is null");
        Objects.requireNonNull(train, "train is null");
        Objects.requireNonNull(validation, "validation is null");
        Objects.requireNonNull(test, "test is null");
        if (train.size() == 0 || validation.size() == 0 || test.size() == 0) {
            throw new Lpa4jException("Task '" + task + "' has an empty split (train " + train.size() + ", validation "
                    + validation.size() + ", test " + test.size() + "); every split needs at least one example.");
        }
    }
}
