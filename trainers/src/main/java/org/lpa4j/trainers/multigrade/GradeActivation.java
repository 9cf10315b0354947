package org.lpa4j.trainers.multigrade;

import java.util.Locale;
import org.lpa4j.api.Lpa4jException;
import org.lpa4j.api.ops.Ops;
import org.lpa4j.api.tensor.Tensor;

/** The element-wise nonlinearity of one hidden layer of a grade. */
public enum GradeActivation {
    RELU, SIN, TANH, GELU;

    /** {@code act(x)}. */
    public Tensor apply(Ops ops, Tensor x) {
        switch (this) {
            case SIN:
                return ops.sin(x);
            case TANH:
                return ops.tanh(x);
            case GELU:
                return ops.gelu(x);
            default:
                return ops.relu(x);
        }
    }

    /** The activation named {@code name} (any case), or an error listing the known names. */
    public static GradeActivation byName(String name) {
        for (GradeActivation a : values()) {
            if (a.name().equalsIgnoreCase(name)) {
                return a;
            }
        }
        throw new Lpa4jException("Unknown grade activation '" + name + "'. Use relu, sin, tanh or gelu.");
    }

    @Override
    public String toString() {
        return name().toLowerCase(Locale.ROOT);
    }
}
