package org.lpa4j.api.layers;

import java.util.List;
import org.lpa4j.api.ops.Ops;
import org.lpa4j.api.params.Initializer;
import org.lpa4j.api.params.Parameters;
import org.lpa4j.api.params.ParameterSpec;
import org.lpa4j.api.tensor.Shape;
import org.lpa4j.api.tensor.Tensor;

/** Layer normalisation over the last axis with learned {@code gamma [dim]} (ones) and {@code beta [dim]} (zeros). */
public final class LayerNorm implements Layer {
    private final String name;
    private final int dim;
    private final double epsilon;

    public LayerNorm(String name, int dim) {
        this(name, dim, 1e-5);
    }

    public LayerNorm(String name, int dim, double epsilon) {
        this.name = LayerChecks.requireName(name);
        this.dim = LayerChecks.requirePositive("LayerNorm '" + name + "'", "dim", dim);
        this.epsilon = epsilon;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public List<ParameterSpec> parameters() {
        return List.of(new ParameterSpec(name + ".gamma", Shape.of(dim), Initializer.constant(1.0)),
                new ParameterSpec(name + ".beta", Shape.of(dim), Initializer.zeros()));
    }

    @Override
    public Tensor forward(Ops ops, Parameters params, Tensor x) {
        LayerChecks.requireLastDim("LayerNorm '" + name + "'", x, dim);
        return ops.layerNorm(x, params.get(name + ".gamma"), params.get(name + ".beta"), epsilon);
    }
}
