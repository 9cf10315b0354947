package org.lpa4j.cli;

import org.lpa4j.api.data.TaskShape;
import org.lpa4j.api.model.ResidualNetwork;
import org.lpa4j.architectures.fnn.ResidualMlp;

/** {@code --arch fnn}: the residual MLP, for tasks whose examples are feature vectors. */
final class FnnArchitecture implements ArchitectureFactory {
    @Override
    public String name() {
        return "fnn";
    }

    @Override
    public String incompatibility(TaskShape shape) {
        return shape.example().length == 1 && !shape.tokens() ? null : "fnn reads feature vectors";
    }

    @Override
    public ResidualNetwork create(TaskShape shape, FitOptions o) {
        return new ResidualMlp(shape.example()[0], o.width(), o.depth(), shape.outputs(), o.activation(), false, o.dtype());
    }
}
