package org.lpa4j.api.spi;

import org.lpa4j.api.tensor.DType;
import org.lpa4j.api.tensor.Shape;
import org.lpa4j.api.tensor.Tensor;

/**
 * The tensor of every backend: an engine value {@code N} (a PyTorch array, a TensorFlow node output, a SameDiff
 * variable), the neutral static shape and type inferred for it, and the {@link AbstractOps} that created it.
 *
 * @param <N> the engine's value type
 */
public final class BackendTensor<N> implements Tensor {
    private final AbstractOps<N> owner;
    private final N node;
    private final Shape shape;
    private final DType dtype;

    BackendTensor(AbstractOps<N> owner, N node, Shape shape, DType dtype) {
        this.owner = owner;
        this.node = node;
        this.shape = shape;
        this.dtype = dtype;
    }

    @Override
    public Shape shape() {
        return shape;
    }

    @Override
    public DType dtype() {
        return dtype;
    }

    /** The engine value. */
    public N node() {
        return node;
    }

    AbstractOps<N> owner() {
        return owner;
    }

    @Override
    public String toString() {
        return "Tensor(" + dtype + " " + shape + ")";
    }
}
