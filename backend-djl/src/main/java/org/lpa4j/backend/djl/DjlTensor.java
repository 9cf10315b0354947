package org.lpa4j.backend.djl;

import ai.djl.ndarray.NDArray;
import org.lpa4j.api.tensor.DType;
import org.lpa4j.api.tensor.Shape;
import org.lpa4j.api.tensor.Tensor;

/** A tensor of one {@link DjlOps} call: a PyTorch {@code NDArray} with the neutral static shape inferred for it. */
final class DjlTensor implements Tensor {
    private final DjlOps owner;
    private final NDArray array;
    private final Shape shape;
    private final DType dtype;

    DjlTensor(DjlOps owner, NDArray array, Shape shape, DType dtype) {
        this.owner = owner;
        this.array = array;
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

    DjlOps owner() {
        return owner;
    }

    NDArray array() {
        return array;
    }

    @Override
    public String toString() {
        return "DjlTensor(" + dtype + " " + shape + ")";
    }
}
