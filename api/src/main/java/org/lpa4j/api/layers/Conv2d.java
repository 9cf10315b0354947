package org.lpa4j.api.layers;

import java.util.ArrayList;
import java.util.List;
import org.lpa4j.api.ops.Ops;
import org.lpa4j.api.params.Initializer;
import org.lpa4j.api.params.Parameters;
import org.lpa4j.api.params.ParameterSpec;
import org.lpa4j.api.tensor.Shape;
import org.lpa4j.api.tensor.Tensor;

/**
 * A square-kernel 2-D convolution in NCHW, {@code [N, in, H, W] -> [N, out, H', W']}, with
 * {@code weight [out, in, k, k]} and optional {@code bias [out]}, initialised uniform on {@code ±1/sqrt(in k k)}.
 */
public final class Conv2d implements Layer {
    private final String name;
    private final int in;
    private final int out;
    private final int kernel;
    private final int stride;
    private final int padding;
    private final boolean bias;

    /** A stride-1 convolution with "same" padding for an odd kernel. */
    public Conv2d(String name, int in, int out, int kernel) {
        this(name, in, out, kernel, 1, kernel / 2, true);
    }

    public Conv2d(String name, int in, int out, int kernel, int stride, int padding, boolean bias) {
        String what = "Conv2d '" + name + "'";
        this.name = LayerChecks.requireName(name);
        this.in = LayerChecks.requirePositive(what, "in", in);
        this.out = LayerChecks.requirePositive(what, "out", out);
        this.kernel = LayerChecks.requirePositive(what, "kernel", kernel);
        this.stride = LayerChecks.requirePositive(what, "stride", stride);
        if (padding < 0) {
            throw new org.lpa4j.api.Lpa4jException(what + ": padding must be non-negative but is " + padding + ".");
        }
        this.padding = padding;
        this.bias = bias;
    }

    @Override
    public String name() {
        return name;
    }

    public String weightName() {
        return name + ".weight";
    }

    public String biasName() {
        return name + ".bias";
    }

    @Override
    public List<ParameterSpec> parameters() {
        int fanIn = in * kernel * kernel;
        List<ParameterSpec> specs = new ArrayList<>();
        specs.add(new ParameterSpec(weightName(), Shape.of(out, in, kernel, kernel), Initializer.fanInUniform(fanIn)));
        if (bias) {
            specs.add(new ParameterSpec(biasName(), Shape.of(out), Initializer.fanInUniform(fanIn)));
        }
        return specs;
    }

    @Override
    public Tensor forward(Ops ops, Parameters params, Tensor x) {
        Tensor y = ops.conv2d(x, params.get(weightName()), stride, stride, padding, padding);
        if (!bias) {
            return y;
        }
        return ops.add(y, ops.reshape(params.get(biasName()), Shape.of(1, out, 1, 1)));
    }
}
