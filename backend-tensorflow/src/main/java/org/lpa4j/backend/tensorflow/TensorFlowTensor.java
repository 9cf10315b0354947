package org.lpa4j.backend.tensorflow;

import org.lpa4j.api.tensor.DType;
import org.lpa4j.api.tensor.Shape;
import org.lpa4j.api.tensor.Tensor;
import org.tensorflow.Output;

/**
 * A symbolic value inside one trace: a node output of the store's TensorFlow graph, with the neutral static shape
 * computed by {@link org.lpa4j.api.tensor.ShapeInference} and the {@link TensorFlowOps} that created it.
 */
public final class TensorFlowTensor implements Tensor {
    private final TensorFlowOps owner;
    private final Output<?> output;
    private final Shape shape;
    private final DType dtype;

    TensorFlowTensor(TensorFlowOps owner, Output<?> output, Shape shape, DType dtype) {
        this.owner = owner;
        this.output = output;
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

    TensorFlowOps owner() {
        return owner;
    }

    Output<?> output() {
        return output;
    }

    @Override
    public String toString() {
        return "TensorFlowTensor(" + dtype + " " + shape + ", " + output.name() + ")";
    }
}
