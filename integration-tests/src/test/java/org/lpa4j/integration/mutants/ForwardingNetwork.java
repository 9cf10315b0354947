package org.lpa4j.integration.mutants;

import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.lpa4j.api.compile.InputSpec;
import org.lpa4j.api.model.ResidualNetwork;
import org.lpa4j.api.ops.Ops;
import org.lpa4j.api.params.ParameterSpec;
import org.lpa4j.api.params.Parameters;
import org.lpa4j.api.tensor.Tensor;

/** A {@link ResidualNetwork} that forwards every piece to another one: the base of the architecture-level mutants. */
class ForwardingNetwork implements ResidualNetwork {
    private final ResidualNetwork real;

    ForwardingNetwork(ResidualNetwork real) {
        this.real = Objects.requireNonNull(real, "real is null");
    }

    /** The network this one forwards to. */
    protected final ResidualNetwork real() {
        return real;
    }

    @Override
    public String name() {
        return real.name();
    }

    @Override
    public int depth() {
        return real.depth();
    }

    @Override
    public InputSpec input() {
        return real.input();
    }

    @Override
    public List<ParameterSpec> parameters() {
        return real.parameters();
    }

    @Override
    public Set<String> blockParameters(int l) {
        return real.blockParameters(l);
    }

    @Override
    public Tensor stem(Ops ops, Parameters params, Tensor x) {
        return real.stem(ops, params, x);
    }

    @Override
    public Tensor block(int l, Ops ops, Parameters params, Tensor h) {
        return real.block(l, ops, params, h);
    }

    @Override
    public Tensor head(Ops ops, Parameters params, Tensor h) {
        return real.head(ops, params, h);
    }
}
