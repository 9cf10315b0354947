package org.lpa4j.conformance;

import java.util.List;
import java.util.Objects;
import org.lpa4j.api.ops.Ops;
import org.lpa4j.api.tensor.DType;
import org.lpa4j.api.tensor.HostTensor;
import org.lpa4j.api.tensor.Shape;
import org.lpa4j.api.tensor.Tensor;

/**
 * An {@link Ops} that delegates only the primitives to a backend's {@code Ops}, so every composite runs as the
 * neutral default written on those primitives: how the suite checks the defaults on each backend.
 */
public class PrimitiveOnlyOps implements Ops {
    private final Ops primitives;

    /** Wraps {@code primitives}, the backend's {@code Ops} of the current trace. */
    public PrimitiveOnlyOps(Ops primitives) {
        this.primitives = Objects.requireNonNull(primitives, "primitives is null");
    }

    /** The wrapped backend {@code Ops}. */
    protected final Ops delegate() {
        return primitives;
    }

    @Override
    public Tensor constant(HostTensor value) {
        return primitives.constant(value);
    }

    @Override
    public Tensor add(Tensor a, Tensor b) {
        return primitives.add(a, b);
    }

    @Override
    public Tensor sub(Tensor a, Tensor b) {
        return primitives.sub(a, b);
    }

    @Override
    public Tensor mul(Tensor a, Tensor b) {
        return primitives.mul(a, b);
    }

    @Override
    public Tensor div(Tensor a, Tensor b) {
        return primitives.div(a, b);
    }

    @Override
    public Tensor exp(Tensor x) {
        return primitives.exp(x);
    }

    @Override
    public Tensor log(Tensor x) {
        return primitives.log(x);
    }

    @Override
    public Tensor sqrt(Tensor x) {
        return primitives.sqrt(x);
    }

    @Override
    public Tensor relu(Tensor x) {
        return primitives.relu(x);
    }

    @Override
    public Tensor tanh(Tensor x) {
        return primitives.tanh(x);
    }

    @Override
    public Tensor sin(Tensor x) {
        return primitives.sin(x);
    }

    @Override
    public Tensor matmul(Tensor a, Tensor b) {
        return primitives.matmul(a, b);
    }

    @Override
    public Tensor reshape(Tensor x, Shape shape) {
        return primitives.reshape(x, shape);
    }

    @Override
    public Tensor transpose(Tensor x, int... perm) {
        return primitives.transpose(x, perm);
    }

    @Override
    public Tensor concat(List<Tensor> xs, int axis) {
        return primitives.concat(xs, axis);
    }

    @Override
    public Tensor slice(Tensor x, int axis, int start, int length) {
        return primitives.slice(x, axis, start, length);
    }

    @Override
    public Tensor gather(Tensor table, Tensor indices) {
        return primitives.gather(table, indices);
    }

    @Override
    public Tensor sum(Tensor x, int[] axes, boolean keepDims) {
        return primitives.sum(x, axes, keepDims);
    }

    @Override
    public Tensor mean(Tensor x, int[] axes, boolean keepDims) {
        return primitives.mean(x, axes, keepDims);
    }

    @Override
    public Tensor max(Tensor x, int[] axes, boolean keepDims) {
        return primitives.max(x, axes, keepDims);
    }

    @Override
    public Tensor conv2d(Tensor x, Tensor kernel, int strideH, int strideW, int padH, int padW) {
        return primitives.conv2d(x, kernel, strideH, strideW, padH, padW);
    }

    @Override
    public Tensor maxPool2d(Tensor x, int kernelH, int kernelW, int strideH, int strideW) {
        return primitives.maxPool2d(x, kernelH, kernelW, strideH, strideW);
    }

    @Override
    public Tensor avgPool2d(Tensor x, int kernelH, int kernelW, int strideH, int strideW) {
        return primitives.avgPool2d(x, kernelH, kernelW, strideH, strideW);
    }

    @Override
    public Tensor stopGradient(Tensor x) {
        return primitives.stopGradient(x);
    }

    @Override
    public Tensor oneHot(Tensor indices, int depth, DType dtype) {
        return primitives.oneHot(indices, depth, dtype);
    }

    @Override
    public Tensor cast(Tensor x, DType dtype) {
        return primitives.cast(x, dtype);
    }
}
