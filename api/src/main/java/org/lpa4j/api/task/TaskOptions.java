package org.lpa4j.api.task;

import java.util.Objects;
import org.lpa4j.api.InvalidSettingException;
import org.lpa4j.api.tensor.DType;

/**
 * The settings a task is loaded with: the seed of its generation and split, the examples a generated task draws, the
 * most training examples a fetched data set keeps (0 = all), the tokens per example of a text task, and the float type.
 */
public record TaskOptions(long seed, int examples, int limit, int context, DType dtype) {
    /** The most examples a generated task draws: ten million rows of a few features fit in memory. */
    public static final int MAX_EXAMPLES = 10_000_000;
    /** The longest context accepted: attention is quadratic in it, and the splits hold every example's ids in memory. */
    public static final int MAX_CONTEXT = 2048;

    public TaskOptions {
        Objects.requireNonNull(dtype, "dtype is null");
        if (examples <= 0 || examples > MAX_EXAMPLES) {
            throw new InvalidSettingException("examples", "The number of generated examples must be between 1 and " + MAX_EXAMPLES
                    + " (they are held in memory) but is " + examples + ".");
        }
        if (limit < 0) {
            throw new InvalidSettingException("limit", "The training-example limit must be 0 (all) or positive but is " + limit + ".");
        }
        if (context < 1 || context > MAX_CONTEXT) {
            throw new InvalidSettingException("context", "The context must be between 1 and " + MAX_CONTEXT + " tokens but is " + context + ".");
        }
        if (!dtype.isFloating()) {
            throw new InvalidSettingException("dtype", "A task's float type must be FLOAT32 or FLOAT64 but is " + dtype + ".");
        }
    }

    /** Seed 0, 4000 generated examples, every fetched example, a context of 64 tokens, FLOAT32. */
    public static TaskOptions defaults() {
        return new TaskOptions(0, 4000, 0, 64, DType.FLOAT32);
    }

    public TaskOptions withSeed(long value) {
        return new TaskOptions(value, examples, limit, context, dtype);
    }

    public TaskOptions withExamples(int value) {
        return new TaskOptions(seed, value, limit, context, dtype);
    }

    public TaskOptions withLimit(int value) {
        return new TaskOptions(seed, examples, value, context, dtype);
    }

    public TaskOptions withContext(int value) {
        return new TaskOptions(seed, examples, limit, value, dtype);
    }

    public TaskOptions withDType(DType value) {
        return new TaskOptions(seed, examples, limit, context, value);
    }
}
