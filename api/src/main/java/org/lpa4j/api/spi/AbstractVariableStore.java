package org.lpa4j.api.spi;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.lpa4j.api.compile.CompileChecks;
import org.lpa4j.api.compile.CompiledForward;
import org.lpa4j.api.compile.CompiledGradient;
import org.lpa4j.api.compile.CompiledTrainStep;
import org.lpa4j.api.compile.ForwardFunction;
import org.lpa4j.api.compile.InputSpec;
import org.lpa4j.api.compile.LossFunction;
import org.lpa4j.api.compile.OptimizerSpec;
import org.lpa4j.api.compile.VariableStore;
import org.lpa4j.api.params.ParameterSet;

/**
 * A store's bookkeeping written once: the layout (names, shapes and types), open and closed state, the programs compiled
 * from it, and the argument checks of every method. The locking rule of every backend: a store method and every run of a
 * program compiled from the store hold the store's monitor, so one store is used by one thread at a time. A backend
 * implements the value hooks and the three program factories, which receive checked arguments.
 */
public abstract class AbstractVariableStore implements VariableStore {
    private final AbstractBackend backend;
    private final ParameterSet layout;
    private final Set<AbstractProgram> programs = new LinkedHashSet<>();
    private boolean closed;

    /** A store of {@code backend} laid out like {@code initial}; the subclass copies the values into its engine. */
    protected AbstractVariableStore(AbstractBackend backend, ParameterSet initial) {
        this.backend = backend;
        this.layout = initial;
    }

    @Override
    public final Set<String> names() {
        return layout.names();
    }

    /** The names, shapes and element types of the parameters (the values are the initial ones, not the live ones). */
    public final ParameterSet layout() {
        return layout;
    }

    @Override
    public final synchronized ParameterSet export() {
        requireOpen();
        return exportValues();
    }

    @Override
    public final synchronized void load(ParameterSet values) {
        requireOpen();
        Objects.requireNonNull(values, "The parameter values are null.");
        CompileChecks.requireSameLayout(layout, values);
        loadValues(values);
    }

    @Override
    public final synchronized CompiledForward compileForward(List<InputSpec> inputs, ForwardFunction function) {
        requireOpen();
        List<InputSpec> specs = CompileChecks.inputSpecs(inputs);
        Objects.requireNonNull(function, "The forward function is null.");
        return register(newForward(specs, function));
    }

    @Override
    public final synchronized CompiledGradient compileGradient(List<InputSpec> inputs, LossFunction loss, Set<String> wrt) {
        requireOpen();
        List<InputSpec> specs = CompileChecks.inputSpecs(inputs);
        Objects.requireNonNull(loss, "The loss function is null.");
        return register(newGradient(specs, loss, CompileChecks.orderedSubset("wrt", names(), wrt)));
    }

    @Override
    public final synchronized CompiledTrainStep compileTrainStep(List<InputSpec> inputs, LossFunction loss, Set<String> trainable,
            OptimizerSpec optimizer) {
        requireOpen();
        List<InputSpec> specs = CompileChecks.inputSpecs(inputs);
        Objects.requireNonNull(loss, "The loss function is null.");
        Objects.requireNonNull(optimizer, "The optimizer is null.");
        return register(newTrainStep(specs, loss, CompileChecks.orderedSubset("trainable", names(), trainable), optimizer));
    }

    /** A host copy of the live values, in layout order. */
    protected abstract ParameterSet exportValues();

    /** Overwrites every live value with {@code values}, whose layout has been checked to match. */
    protected abstract void loadValues(ParameterSet values);

    /** A forward program for checked, immutable input specs. */
    protected abstract AbstractCompiledForward newForward(List<InputSpec> specs, ForwardFunction function);

    /** A gradient program; {@code wrt} is non-empty, known and in layout order. */
    protected abstract AbstractCompiledGradient newGradient(List<InputSpec> specs, LossFunction loss, Set<String> wrt);

    /** A train step; {@code trainable} is non-empty, known and in layout order. */
    protected abstract AbstractCompiledTrainStep newTrainStep(List<InputSpec> specs, LossFunction loss, Set<String> trainable,
            OptimizerSpec optimizer);

    /** Releases the engine resources of the store; every program has already released its own. */
    protected abstract void release();

    private <P extends AbstractProgram> P register(P program) {
        programs.add(program);
        return program;
    }

    final void forget(AbstractProgram program) {
        programs.remove(program);
    }

    final boolean isClosed() {
        return closed;
    }

    private void requireOpen() {
        if (closed) {
            throw CompileChecks.closed("variable store");
        }
    }

    /** Closes every program compiled from this store, then the store's engine resources. */
    @Override
    public final synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        for (AbstractProgram program : new ArrayList<>(programs)) {
            program.closeWithStore();
        }
        programs.clear();
        release();
        backend.forget(this);
    }
}
