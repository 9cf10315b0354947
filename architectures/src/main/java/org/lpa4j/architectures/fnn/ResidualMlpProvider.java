package org.lpa4j.architectures.fnn;

import org.lpa4j.api.data.TaskShape;
import org.lpa4j.api.layers.Activation;
import org.lpa4j.api.model.ArchitectureOptions;
import org.lpa4j.api.model.ArchitectureProvider;
import org.lpa4j.api.model.Hyperparameters;
import org.lpa4j.api.model.ResidualNetwork;
import org.lpa4j.api.tensor.DType;

/** Registers {@link ResidualMlp} as architecture {@code fnn}: residual MLPs for tasks whose examples are feature vectors. */
public final class ResidualMlpProvider implements ArchitectureProvider {
    @Override
    public String name() {
        return "fnn";
    }

    @Override
    public String incompatibility(TaskShape shape) {
        return shape.example().length == 1 && !shape.tokens() ? null : "fnn reads feature vectors";
    }

    /** {@code options.depth()} blocks of {@code options.width()} with {@code options.activation()}, without layer norm. */
    @Override
    public ResidualNetwork create(TaskShape shape, ArchitectureOptions o) {
        return new ResidualMlp(shape.example()[0], o.width(), o.depth(), shape.outputs(), o.activation(), false, o.dtype());
    }

    @Override
    public ResidualNetwork rebuild(Hyperparameters h) {
        return new ResidualMlp(h.getInt("inputDim"), h.getInt("width"), h.getInt("depth"), h.getInt("outputDim"),
                h.getEnum("activation", Activation.class), h.getBoolean("layerNorm"), h.getEnum("dtype", DType.class));
    }
}
