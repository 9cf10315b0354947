package org.lpa4j.architectures.fnn;

import org.lpa4j.api.ops.Ops;
import org.lpa4j.api.tensor.Tensor;

/** The element-wise nonlinearity inside a residual block. */
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
}
