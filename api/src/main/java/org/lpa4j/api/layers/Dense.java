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
 * A fully connected layer {@code y = x W + b} on the last axis: {@code [..., in] -> [..., out]}, with
 * {@code weight [in, out]} and optional {@code bias [out]}, both initialised uniform on {@code ±1/sqrt(in)}.
 */
public final class Dense implements Layer {
    private final String name;
    private final int in;
    private final int out;
    private final boolean bias;
    private final Initializer weightInit;

    public Dense(String name, int in, int out) {
        this(name, in, out, true, Initializer.fanInUniform(in));
    }

    public Dense(String name, int in, int out, boolean bias, Initializer weightInit) {
        this.name = LayerChecks.requireName(name);
        this.in = LayerChecks.requirePositive("Dense '" + name + "'", "in", in);
        this.out = LayerChecks.requirePositive("Dense '" + name + "'", "out", out);
        this.bias = bias;
        this.weightInit = weightInit;
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

    public int in() {
        return in;
    }

    public int out() {
        return out;
    }

    @Override
    public List<ParameterSpec> parameters() {
        List<ParameterSpec> specs = new ArrayList<>();
        specs.add(new ParameterSpec(weightName(), Shape.of(in, out), weightInit));
        if (bias) {
            specs.add(new ParameterSpec(biasName(), Shape.of(out), Initializer.fanInUniform(in)));
        }
        return specs;
    }

    @Override
    public Tensor forward(Ops ops, Parameters params, Tensor x) {
        LayerChecks.requireLastDim("Dense '" + name + "'", x, in);
        Tensor w = params.get(weightName());
        Tensor y;
        if (x.shape().rank() == 2) {
            y = ops.matmul(x, w);
        } else {
            int[] lead = x.shape().dims();
            lead[lead.length - 1] = out;
            y = ops.reshape(ops.matmul(ops.reshape(x, Shape.of(Shape.UNKNOWN, in)), w), Shape.of(lead));
        }
        return bias ? ops.add(y, params.get(biasName())) : y;
    }
}
