package org.lpa4j.api.model;

import java.util.Objects;
import org.lpa4j.api.InvalidSettingException;
import org.lpa4j.api.layers.Activation;
import org.lpa4j.api.tensor.DType;

/**
 * The size and kind of a fresh network, given to {@link ArchitectureProvider#create}: blocks, residual width, attention
 * heads (architectures without attention ignore them), the blocks' activation (where an architecture has a choice) and
 * the float type of continuous inputs. What the task fixes (input shape, outputs) comes from its {@code TaskShape}.
 */
public record ArchitectureOptions(int depth, int width, int heads, Activation activation, DType dtype) {
    /** The attention heads of {@link #of}. */
    public static final int DEFAULT_HEADS = 4;
    /** The blocks' activation of {@link #of}: tanh, with which every documented surface table was measured. */
    public static final Activation DEFAULT_ACTIVATION = Activation.TANH;

    public ArchitectureOptions {
        Objects.requireNonNull(activation, "activation is null");
        Objects.requireNonNull(dtype, "dtype is null");
        if (depth <= 0) {
            throw new InvalidSettingException("depth", "A network needs at least one block but the depth is " + depth + ".");
        }
        if (width <= 0) {
            throw new InvalidSettingException("width", "A network's width must be positive but is " + width + ".");
        }
        if (heads <= 0) {
            throw new InvalidSettingException("heads", "The number of attention heads must be positive but is " + heads + ".");
        }
        if (!dtype.isFloating()) {
            throw new InvalidSettingException("dtype", "A network's float type must be FLOAT32 or FLOAT64 but is " + dtype + ".");
        }
    }

    /** {@code depth} blocks of {@code width}, {@value #DEFAULT_HEADS} heads, {@link #DEFAULT_ACTIVATION tanh}, FLOAT32. */
    public static ArchitectureOptions of(int depth, int width) {
        return new ArchitectureOptions(depth, width, DEFAULT_HEADS, DEFAULT_ACTIVATION, DType.FLOAT32);
    }

    public ArchitectureOptions withHeads(int value) {
        return new ArchitectureOptions(depth, width, value, activation, dtype);
    }

    public ArchitectureOptions withActivation(Activation value) {
        return new ArchitectureOptions(depth, width, heads, value, dtype);
    }

    public ArchitectureOptions withDType(DType value) {
        return new ArchitectureOptions(depth, width, heads, activation, value);
    }
}
