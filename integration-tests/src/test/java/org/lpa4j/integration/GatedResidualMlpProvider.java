package org.lpa4j.integration;

import org.lpa4j.api.data.OutputKind;
import org.lpa4j.api.data.TaskShape;
import org.lpa4j.api.model.ArchitectureOptions;
import org.lpa4j.api.model.ArchitectureProvider;
import org.lpa4j.api.model.Hyperparameters;
import org.lpa4j.api.model.ResidualNetwork;

/**
 * A user's architecture provider, registered only in this module's test resources
 * ({@code META-INF/services/org.lpa4j.api.model.ArchitectureProvider}): {@link GatedResidualMlp} as {@code gated-fnn}.
 */
public final class GatedResidualMlpProvider implements ArchitectureProvider {
    @Override
    public String name() {
        return "gated-fnn";
    }

    @Override
    public String incompatibility(TaskShape shape) {
        return shape.example().length == 1 && !shape.tokens() && shape.outputs() == 1 && shape.output() == OutputKind.REGRESSION ? null
                : "gated-fnn fits one regression target of a feature vector";
    }

    @Override
    public ResidualNetwork create(TaskShape shape, ArchitectureOptions options) {
        return new GatedResidualMlp(shape.example()[0], options.width(), options.depth());
    }

    @Override
    public ResidualNetwork rebuild(Hyperparameters h) {
        return new GatedResidualMlp(h.getInt("inputDim"), h.getInt("width"), h.getInt("depth"));
    }
}
