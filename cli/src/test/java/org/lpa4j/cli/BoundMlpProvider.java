package org.lpa4j.cli;

import java.util.List;
import java.util.Set;
import org.lpa4j.api.compile.InputSpec;
import org.lpa4j.api.data.TaskShape;
import org.lpa4j.api.model.ArchitectureOptions;
import org.lpa4j.api.model.ArchitectureProvider;
import org.lpa4j.api.model.Hyperparameters;
import org.lpa4j.api.model.ResidualNetwork;
import org.lpa4j.api.ops.Ops;
import org.lpa4j.api.params.ParameterSpec;
import org.lpa4j.api.params.Parameters;
import org.lpa4j.api.tensor.Tensor;
import org.lpa4j.architectures.fnn.ResidualMlpProvider;

/**
 * A user's architecture bound only through a Guice module (no service file): {@code bound-fnn}, the residual MLP under a
 * name of its own, so that nothing but the binding can make it known.
 */
final class BoundMlpProvider implements ArchitectureProvider {
    static final String NAME = "bound-fnn";
    private final ResidualMlpProvider fnn = new ResidualMlpProvider();

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String incompatibility(TaskShape shape) {
        return fnn.incompatibility(shape);
    }

    @Override
    public ResidualNetwork create(TaskShape shape, ArchitectureOptions options) {
        return new Renamed(fnn.create(shape, options));
    }

    @Override
    public ResidualNetwork rebuild(Hyperparameters hyperparameters) {
        return new Renamed(fnn.rebuild(hyperparameters));
    }

    /** The residual MLP {@code inner}, called {@value #NAME}. */
    private record Renamed(ResidualNetwork inner) implements ResidualNetwork {
        @Override
        public String name() {
            return NAME;
        }

        @Override
        public Hyperparameters hyperparameters() {
            return inner.hyperparameters();
        }

        @Override
        public int depth() {
            return inner.depth();
        }

        @Override
        public InputSpec input() {
            return inner.input();
        }

        @Override
        public List<ParameterSpec> parameters() {
            return inner.parameters();
        }

        @Override
        public Set<String> blockParameters(int l) {
            return inner.blockParameters(l);
        }

        @Override
        public Tensor stem(Ops ops, Parameters params, Tensor x) {
            return inner.stem(ops, params, x);
        }

        @Override
        public Tensor block(int l, Ops ops, Parameters params, Tensor h) {
            return inner.block(l, ops, params, h);
        }

        @Override
        public Tensor head(Ops ops, Parameters params, Tensor h) {
            return inner.head(ops, params, h);
        }
    }
}
