package org.lpa4j.api.layers;

import java.util.List;
import org.lpa4j.api.ops.Ops;
import org.lpa4j.api.params.Initializer;
import org.lpa4j.api.params.Parameters;
import org.lpa4j.api.params.ParameterSpec;
import org.lpa4j.api.tensor.Shape;
import org.lpa4j.api.tensor.ShapeInference;
import org.lpa4j.api.tensor.Tensor;

/** A lookup table {@code weight [vocabulary, dim]}: INT32 token ids {@code S} become vectors {@code S + [dim]}. */
public final class Embedding implements Layer {
    private final String name;
    private final int vocabulary;
    private final int dim;
    private final double std;

    /** Weights drawn from a normal with standard deviation 0.02, as in GPT-2. */
    public Embedding(String name, int vocabulary, int dim) {
        this(name, vocabulary, dim, 0.02);
    }

    public Embedding(String name, int vocabulary, int dim, double std) {
        this.name = LayerChecks.requireName(name);
        this.vocabulary = LayerChecks.requirePositive("Embedding '" + name + "'", "vocabulary", vocabulary);
        this.dim = LayerChecks.requirePositive("Embedding '" + name + "'", "dim", dim);
        this.std = std;
    }

    @Override
    public String name() {
        return name;
    }

    public String weightName() {
        return name + ".weight";
    }

    @Override
    public List<ParameterSpec> parameters() {
        return List.of(new ParameterSpec(weightName(), Shape.of(vocabulary, dim), Initializer.normal(std)));
    }

    @Override
    public Tensor forward(Ops ops, Parameters params, Tensor ids) {
        ShapeInference.requireInt("Embedding '" + name + "'", ids);
        return ops.gather(params.get(weightName()), ids);
    }
}
