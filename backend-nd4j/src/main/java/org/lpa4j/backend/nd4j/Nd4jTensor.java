package org.lpa4j.backend.nd4j;

import org.lpa4j.api.tensor.DType;
import org.lpa4j.api.tensor.Shape;
import org.lpa4j.api.tensor.Tensor;
import org.nd4j.autodiff.samediff.SDVariable;

/**
 * A tensor inside an nd4j trace: a SameDiff variable, the neutral static shape inferred by
 * {@link org.lpa4j.api.tensor.ShapeInference}, and the {@link Nd4jOps} that created it.
 */
final class Nd4jTensor implements Tensor {
    private final Nd4jOps owner;
    private final SDVariable variable;
    private final Shape shape;
    private final DType dtype;

    Nd4jTensor(Nd4jOps owner, SDVariable variable, Shape shape, DType dtype) {
        this.owner = owner;
        this.variable = variable;
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

    Nd4jOps owner() {
        return owner;
    }

    SDVariable variable() {
        return variable;
    }

    @Override
    public String toString() {
        return "Nd4jTensor(" + dtype + " " + shape + ")";
    }
}
