package org.lpa4j.integration;

import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.lpa4j.api.backend.Backend;
import org.lpa4j.api.backend.Capability;
import org.lpa4j.api.compile.CompiledForward;
import org.lpa4j.api.compile.CompiledGradient;
import org.lpa4j.api.compile.CompiledTrainStep;
import org.lpa4j.api.compile.ForwardFunction;
import org.lpa4j.api.compile.InputSpec;
import org.lpa4j.api.compile.LossFunction;
import org.lpa4j.api.compile.OptimizerSpec;
import org.lpa4j.api.compile.VariableStore;
import org.lpa4j.api.ops.Ops;
import org.lpa4j.conformance.ForwardingOps;
import org.lpa4j.api.params.ParameterSet;
import org.lpa4j.api.tensor.Tensor;

/**
 * A deliberately broken decorator over a real backend, which the conformance suite must catch: {@code sin} has the
 * right value but the gradient of the identity, {@code tanh} has the right gradient but a value 1e-3 too large
 * (relative). Everything else, composites included, is delegated to the real backend's {@code Ops}.
 */
final class BrokenBackend implements Backend {
    /** How far off tanh's value is, relative. */
    static final double TANH_ERROR = 1e-3;

    private final Backend real;

    BrokenBackend(Backend real) {
        this.real = Objects.requireNonNull(real, "real is null");
    }

    @Override
    public String name() {
        return real.name();
    }

    @Override
    public String engineVersion() {
        return real.engineVersion() + " (deliberately broken sin gradient and tanh value)";
    }

    @Override
    public Set<Capability> capabilities() {
        return real.capabilities();
    }

    @Override
    public VariableStore createVariables(ParameterSet initial) {
        return new Store(real.createVariables(initial));
    }

    @Override
    public void close() {
        real.close();
    }

    /** Hands every traced function the broken {@code Ops} instead of the real one. */
    private static final class Store implements VariableStore {
        private final VariableStore real;

        Store(VariableStore real) {
            this.real = real;
        }

        @Override
        public Set<String> names() {
            return real.names();
        }

        @Override
        public ParameterSet export() {
            return real.export();
        }

        @Override
        public void load(ParameterSet values) {
            real.load(values);
        }

        @Override
        public CompiledForward compileForward(List<InputSpec> inputs, ForwardFunction function) {
            return real.compileForward(inputs, (ops, p, xs) -> function.apply(new BrokenOps(ops), p, xs));
        }

        @Override
        public CompiledGradient compileGradient(List<InputSpec> inputs, LossFunction loss, Set<String> wrt) {
            return real.compileGradient(inputs, (ops, p, xs) -> loss.apply(new BrokenOps(ops), p, xs), wrt);
        }

        @Override
        public CompiledTrainStep compileTrainStep(List<InputSpec> inputs, LossFunction loss, Set<String> trainable, OptimizerSpec optimizer) {
            return real.compileTrainStep(inputs, (ops, p, xs) -> loss.apply(new BrokenOps(ops), p, xs), trainable, optimizer);
        }

        @Override
        public void close() {
            real.close();
        }
    }

    /** The real {@code Ops} with two faults; every other method, composites included, goes to the real one. */
    private static final class BrokenOps extends ForwardingOps {
        private final Ops real;

        BrokenOps(Ops real) {
            super(real);
            this.real = real;
        }

        /** Fault 1: sin(x) in value, but the gradient of x. */
        @Override
        public Tensor sin(Tensor x) {
            return real.add(real.stopGradient(real.sub(real.sin(x), x)), x);
        }

        /** Fault 2: tanh(x) (1 + 1e-3) in value, with tanh's own gradient. */
        @Override
        public Tensor tanh(Tensor x) {
            Tensor t = real.tanh(x);
            return real.add(t, real.stopGradient(real.scale(t, TANH_ERROR)));
        }
    }
}
