package org.lpa4j.api.model;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.lpa4j.api.Lpa4jException;
import org.lpa4j.api.params.ParameterSpec;
import org.lpa4j.api.params.Parameters;
import org.lpa4j.api.ops.Ops;
import org.lpa4j.api.tensor.DType;
import org.lpa4j.api.tensor.HostTensor;
import org.lpa4j.api.tensor.Shape;
import org.lpa4j.api.tensor.ShapeInference;
import org.lpa4j.api.tensor.Tensor;

/**
 * An {@link Ops} that computes nothing: it follows shapes with {@link ShapeInference} and counts the multiply-adds of
 * the products (matmul, conv2d), the operations that dominate a network's cost. Element-wise work, reductions and
 * lookups are not counted. Trace a function with a batch of one to count the multiply-adds per example.
 */
final class MultiplyAddCounter implements Ops {
    private long multiplyAdds;

    /** A tensor that has only a shape and an element type. */
    record ShapeOnly(Shape shape, DType dtype) implements Tensor {
    }

    /** Every parameter of {@code network} as a shape-only tensor (in the network's floating type), for tracing it here. */
    static Parameters parameters(ResidualNetwork network) {
        DType floating = network.input().dtype().isFloating() ? network.input().dtype() : DType.FLOAT32;
        Map<String, Tensor> tensors = new HashMap<>();
        for (ParameterSpec s : network.parameters()) {
            tensors.put(s.name(), new ShapeOnly(s.shape(), floating));
        }
        return new Parameters() {
            @Override
            public Tensor get(String name) {
                Tensor t = tensors.get(name);
                if (t == null) {
                    throw new Lpa4jException("Network " + network.name() + " reads parameter '" + name + "', which it does not declare.");
                }
                return t;
            }

            @Override
            public Set<String> names() {
                return tensors.keySet();
            }
        };
    }

    /** The multiply-adds counted since the last call, and the counter back to zero. */
    long take() {
        long n = multiplyAdds;
        multiplyAdds = 0;
        return n;
    }

    private static Tensor same(Tensor x) {
        return new ShapeOnly(x.shape(), x.dtype());
    }

    private static Tensor broadcast(String op, Tensor a, Tensor b) {
        return new ShapeOnly(ShapeInference.broadcast(op, a.shape(), b.shape()), ShapeInference.sameDType(op, a, b));
    }

    @Override
    public Tensor constant(HostTensor value) {
        return new ShapeOnly(value.shape(), value.dtype());
    }

    @Override
    public Tensor add(Tensor a, Tensor b) {
        return broadcast("add", a, b);
    }

    @Override
    public Tensor sub(Tensor a, Tensor b) {
        return broadcast("sub", a, b);
    }

    @Override
    public Tensor mul(Tensor a, Tensor b) {
        return broadcast("mul", a, b);
    }

    @Override
    public Tensor div(Tensor a, Tensor b) {
        return broadcast("div", a, b);
    }

    @Override
    public Tensor exp(Tensor x) {
        return same(x);
    }

    @Override
    public Tensor log(Tensor x) {
        return same(x);
    }

    @Override
    public Tensor sqrt(Tensor x) {
        return same(x);
    }

    @Override
    public Tensor relu(Tensor x) {
        return same(x);
    }

    @Override
    public Tensor tanh(Tensor x) {
        return same(x);
    }

    @Override
    public Tensor sin(Tensor x) {
        return same(x);
    }

    @Override
    public Tensor matmul(Tensor a, Tensor b) {
        Shape out = ShapeInference.matmul(a.shape(), b.shape());
        multiplyAdds += out.size() * a.shape().dim(-1);
        return new ShapeOnly(out, ShapeInference.sameDType("matmul", a, b));
    }

    @Override
    public Tensor reshape(Tensor x, Shape shape) {
        return new ShapeOnly(ShapeInference.reshape(x.shape(), shape), x.dtype());
    }

    @Override
    public Tensor transpose(Tensor x, int... perm) {
        return new ShapeOnly(ShapeInference.transpose(x.shape(), perm), x.dtype());
    }

    @Override
    public Tensor concat(List<Tensor> xs, int axis) {
        return new ShapeOnly(ShapeInference.concat(xs, axis), xs.get(0).dtype());
    }

    @Override
    public Tensor slice(Tensor x, int axis, int start, int length) {
        return new ShapeOnly(ShapeInference.slice(x.shape(), axis, start, length), x.dtype());
    }

    @Override
    public Tensor gather(Tensor table, Tensor indices) {
        return new ShapeOnly(ShapeInference.gather(table.shape(), indices.shape()), table.dtype());
    }

    @Override
    public Tensor sum(Tensor x, int[] axes, boolean keepDims) {
        return new ShapeOnly(ShapeInference.reduce("sum", x.shape(), axes, keepDims), x.dtype());
    }

    @Override
    public Tensor mean(Tensor x, int[] axes, boolean keepDims) {
        return new ShapeOnly(ShapeInference.reduce("mean", x.shape(), axes, keepDims), x.dtype());
    }

    @Override
    public Tensor max(Tensor x, int[] axes, boolean keepDims) {
        return new ShapeOnly(ShapeInference.reduce("max", x.shape(), axes, keepDims), x.dtype());
    }

    @Override
    public Tensor conv2d(Tensor x, Tensor kernel, int strideH, int strideW, int padH, int padW) {
        Shape out = ShapeInference.conv2d(x.shape(), kernel.shape(), strideH, strideW, padH, padW);
        Shape k = kernel.shape();
        multiplyAdds += out.size() * k.dim(1) * k.dim(2) * k.dim(3);
        return new ShapeOnly(out, ShapeInference.sameDType("conv2d", x, kernel));
    }

    @Override
    public Tensor maxPool2d(Tensor x, int kernelH, int kernelW, int strideH, int strideW) {
        return new ShapeOnly(ShapeInference.pool2d("maxPool2d", x.shape(), kernelH, kernelW, strideH, strideW), x.dtype());
    }

    @Override
    public Tensor avgPool2d(Tensor x, int kernelH, int kernelW, int strideH, int strideW) {
        return new ShapeOnly(ShapeInference.pool2d("avgPool2d", x.shape(), kernelH, kernelW, strideH, strideW), x.dtype());
    }

    @Override
    public Tensor stopGradient(Tensor x) {
        return same(x);
    }

    @Override
    public Tensor oneHot(Tensor indices, int depth, DType dtype) {
        return new ShapeOnly(ShapeInference.oneHot(indices.shape(), depth), dtype);
    }

    @Override
    public Tensor cast(Tensor x, DType dtype) {
        return new ShapeOnly(x.shape(), dtype);
    }
}
