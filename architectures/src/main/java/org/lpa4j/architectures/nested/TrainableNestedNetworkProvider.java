package org.lpa4j.architectures.nested;

import org.lpa4j.api.data.OutputKind;
import org.lpa4j.api.data.TaskShape;
import org.lpa4j.api.model.ArchitectureOptions;
import org.lpa4j.api.model.ArchitectureProvider;
import org.lpa4j.api.model.Hyperparameters;
import org.lpa4j.api.model.ResidualNetwork;
import org.lpa4j.api.tensor.DType;

/**
 * Registers {@link TrainableNestedNetwork} as architecture {@code nested}, for one regression target of a feature vector.
 * Its width is fixed by the base N ({@code 2dN + d + 2}); {@link #create} takes the largest {@code N >= 2} whose width
 * does not exceed the options' width.
 */
public final class TrainableNestedNetworkProvider implements ArchitectureProvider {
    @Override
    public String name() {
        return "nested";
    }

    @Override
    public String incompatibility(TaskShape shape) {
        return shape.example().length == 1 && !shape.tokens() && shape.outputs() == 1 && shape.output() == OutputKind.REGRESSION ? null
                : "nested reads feature vectors and fits one regression target";
    }

    @Override
    public ResidualNetwork create(TaskShape shape, ArchitectureOptions o) {
        int d = shape.example()[0];
        int base = Math.max(2, (o.width() - d - 2) / (2 * d));
        return new TrainableNestedNetwork(d, base, o.depth(), o.dtype());
    }

    @Override
    public ResidualNetwork rebuild(Hyperparameters h) {
        return new TrainableNestedNetwork(h.getInt("dim"), h.getInt("base"), h.getInt("depth"), h.getEnum("dtype", DType.class));
    }
}
