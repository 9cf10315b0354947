package org.lpa4j.api.params;

import java.util.SplittableRandom;
import org.lpa4j.api.tensor.Shape;

/**
 * Fills a parameter's initial values on the host from a seeded generator, so every backend starts from
 * exactly the same weights. Values are produced in double precision and rounded to the parameter's type.
 */
@FunctionalInterface
public interface Initializer {
    /** Writes {@code shape.size()} values, row-major, into {@code out}. */
    void fill(double[] out, Shape shape, SplittableRandom random);

    /** All zeros. */
    static Initializer zeros() {
        return (out, shape, random) -> { };
    }

    /** Every value equal to {@code value}. */
    static Initializer constant(double value) {
        return (out, shape, random) -> java.util.Arrays.fill(out, value);
    }

    /** Uniform on {@code [low, high)}. */
    static Initializer uniform(double low, double high) {
        return (out, shape, random) -> {
            for (int i = 0; i < out.length; i++) {
                out[i] = low + (high - low) * random.nextDouble();
            }
        };
    }

    /** Normal with mean 0 and standard deviation {@code std} (Box-Muller, so it is the same on every JVM). */
    static Initializer normal(double std) {
        return (out, shape, random) -> {
            for (int i = 0; i < out.length; i += 2) {
                double u1 = 1.0 - random.nextDouble();
                double u2 = random.nextDouble();
                double r = Math.sqrt(-2.0 * Math.log(u1));
                out[i] = std * r * Math.cos(2 * Math.PI * u2);
                if (i + 1 < out.length) {
                    out[i + 1] = std * r * Math.sin(2 * Math.PI * u2);
                }
            }
        };
    }

    /** The PyTorch default for linear and convolution weights: uniform on {@code ±1/sqrt(fanIn)}. */
    static Initializer fanInUniform(int fanIn) {
        double bound = 1.0 / Math.sqrt(fanIn);
        return uniform(-bound, bound);
    }

    /** Glorot (Xavier) uniform: {@code ±sqrt(6 / (fanIn + fanOut))}. */
    static Initializer glorotUniform(int fanIn, int fanOut) {
        double bound = Math.sqrt(6.0 / (fanIn + fanOut));
        return uniform(-bound, bound);
    }

    /** He (Kaiming) normal for ReLU layers: standard deviation {@code sqrt(2 / fanIn)}. */
    static Initializer heNormal(int fanIn) {
        return normal(Math.sqrt(2.0 / fanIn));
    }
}
