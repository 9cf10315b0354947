package org.lpa4j.api.spi;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.lpa4j.api.Lpa4jException;
import org.lpa4j.api.compile.CompileChecks;
import org.lpa4j.api.compile.CompiledForward;
import org.lpa4j.api.compile.CompiledGradient;
import org.lpa4j.api.compile.CompiledTrainStep;
import org.lpa4j.api.compile.ForwardFunction;
import org.lpa4j.api.compile.InputSpec;
import org.lpa4j.api.compile.LossFunction;
import org.lpa4j.api.compile.OptimizerSpec;
import org.lpa4j.api.compile.ResidentTensor;
import org.lpa4j.api.compile.VariableStore;
import org.lpa4j.api.data.TensorDataset;
import org.lpa4j.api.params.ParameterSet;
import org.lpa4j.api.tensor.HostTensor;

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
    private final Set<AbstractResidentTensor> residents = new LinkedHashSet<>();
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

    @Override
    public final synchronized ResidentTensor upload(HostTensor value) {
        requireOpen();
        Objects.requireNonNull(value, "The value to upload is null.");
        return remember(newResident(value));
    }

    @Override
    public final synchronized ResidentTensor selectRows(ResidentTensor t, int[] rows) {
        requireOpen();
        AbstractResidentTensor r = resident("selectRows", t);
        Objects.requireNonNull(rows, "The rows to select are null.");
        int n = r.shape().dim(0);
        for (int row : rows) {
            if (row < 0 || row >= n) {
                throw new Lpa4jException("selectRows: row " + row + " is outside the tensor's " + n + " rows " + r.shape() + ".");
            }
        }
        return remember(selectRowsOf(r, rows));
    }

    /** {@code t} as this store's open resident tensor, or the sentence saying why it is not; {@code role} names the call. */
    final AbstractResidentTensor resident(String role, ResidentTensor t) {
        Objects.requireNonNull(t, () -> role + ": a resident tensor argument is null.");
        if (!(t instanceof AbstractResidentTensor r) || r.owner() != this) {
            throw new Lpa4jException(role + ": the resident tensor " + t + " belongs to another variable store; upload its values"
                    + " (toHost()) into this one.");
        }
        r.requireUsable();
        return r;
    }

    final <T extends AbstractResidentTensor> T remember(T t) {
        residents.add(t);
        return t;
    }

    final void forget(AbstractResidentTensor t) {
        residents.remove(t);
    }

    /**
     * A resident copy of {@code value}. The default holds it on the host (see {@link HostResidentTensor}); a backend with
     * engine-side tensors overrides it.
     */
    protected AbstractResidentTensor newResident(HostTensor value) {
        return new HostResidentTensor(this, value);
    }

    /** Rows {@code rows} (checked to be in range) of the open {@code t}; the default selects them on the host. */
    protected AbstractResidentTensor selectRowsOf(AbstractResidentTensor t, int[] rows) {
        return newResident(TensorDataset.rows(t.copyToHost(), rows));
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
        for (AbstractResidentTensor t : new ArrayList<>(residents)) {
            t.closeWithStore();
        }
        residents.clear();
        release();
        backend.forget(this);
    }
}
