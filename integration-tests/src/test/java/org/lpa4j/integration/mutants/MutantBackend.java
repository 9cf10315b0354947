package org.lpa4j.integration.mutants;

import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.function.UnaryOperator;
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
import org.lpa4j.api.params.ParameterSet;

/**
 * A real backend with a planted fault, written on the public API only: every traced function gets the real {@code Ops}
 * rewritten by {@code ops}, and every train step is compiled through {@code steps}. Everything else is the real backend.
 */
public class MutantBackend implements Backend {

    /** How a mutant compiles a train step on the real store (the loss it receives already sees the mutated {@code Ops}). */
    @FunctionalInterface
    public interface TrainStepCompiler {
        CompiledTrainStep compile(VariableStore real, List<InputSpec> inputs, LossFunction loss, Set<String> trainable, OptimizerSpec optimizer);
    }

    /** Train steps compiled exactly as the real backend does. */
    public static final TrainStepCompiler UNCHANGED_STEPS = VariableStore::compileTrainStep;

    private final Backend real;
    private final String fault;
    private final UnaryOperator<Ops> ops;
    private final TrainStepCompiler steps;

    /** Wraps {@code real}; {@code fault} says in a few words what is planted. */
    public MutantBackend(Backend real, String fault, UnaryOperator<Ops> ops, TrainStepCompiler steps) {
        this.real = Objects.requireNonNull(real, "real is null");
        this.fault = Objects.requireNonNull(fault, "fault is null");
        this.ops = Objects.requireNonNull(ops, "ops is null");
        this.steps = Objects.requireNonNull(steps, "steps is null");
    }

    @Override
    public String name() {
        return real.name();
    }

    @Override
    public String engineVersion() {
        return real.engineVersion() + " (" + fault + ")";
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

    /** Hands every traced function the mutated {@code Ops}, and compiles train steps through the mutant's compiler. */
    private final class Store implements VariableStore {
        private final VariableStore store;

        Store(VariableStore store) {
            this.store = store;
        }

        @Override
        public Set<String> names() {
            return store.names();
        }

        @Override
        public ParameterSet export() {
            return store.export();
        }

        @Override
        public void load(ParameterSet values) {
            store.load(values);
        }

        @Override
        public CompiledForward compileForward(List<InputSpec> inputs, ForwardFunction function) {
            return store.compileForward(inputs, (o, p, xs) -> function.apply(ops.apply(o), p, xs));
        }

        @Override
        public CompiledGradient compileGradient(List<InputSpec> inputs, LossFunction loss, Set<String> wrt) {
            return store.compileGradient(inputs, mutated(loss), wrt);
        }

        @Override
        public CompiledTrainStep compileTrainStep(List<InputSpec> inputs, LossFunction loss, Set<String> trainable, OptimizerSpec optimizer) {
            return steps.compile(store, inputs, mutated(loss), trainable, optimizer);
        }

        @Override
        public org.lpa4j.api.compile.ResidentTensor upload(org.lpa4j.api.tensor.HostTensor value) {
            return store.upload(value);
        }

        @Override
        public org.lpa4j.api.compile.ResidentTensor selectRows(org.lpa4j.api.compile.ResidentTensor t, int[] rows) {
            return store.selectRows(t, rows);
        }

        private LossFunction mutated(LossFunction loss) {
            return (o, p, xs) -> loss.apply(ops.apply(o), p, xs);
        }

        @Override
        public void close() {
            store.close();
        }
    }
}
