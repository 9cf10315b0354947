package org.lpa4j.api.layers;

import java.util.Locale;
import org.lpa4j.api.ops.Ops;
import org.lpa4j.api.tensor.Tensor;

/** An element-wise nonlinearity of a hidden layer (residual blocks, multigrade grades, ...). */
public enum Activation {
    RELU, TANH, GELU, SIN;

    /** {@code act(x)}. */
    public Tensor apply(Ops ops, Tensor x) {
        switch (this) {
            case TANH:
                return ops.tanh(x);
            case GELU:
                return ops.gelu(x);
            case SIN:
                return ops.sin(x);
            default:
                return ops.relu(x);
        }
    }

    /** The lower-case name, as tables print it ({@code relu}, {@code sin}, ...). */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
