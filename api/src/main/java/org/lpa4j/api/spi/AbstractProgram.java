package org.lpa4j.api.spi;

import java.util.List;
import org.lpa4j.api.compile.CompileChecks;
import org.lpa4j.api.compile.InputSpec;
import org.lpa4j.api.compile.ResidentTensor;
import org.lpa4j.api.tensor.DType;
import org.lpa4j.api.tensor.HostTensor;
import org.lpa4j.api.tensor.Shape;

/**
 * What every compiled program shares: its store, its input specs, the checks made before each run, and closing. Runs and
 * {@link #close()} hold the store's monitor (the one locking rule, see {@link AbstractVariableStore}).
 */
public abstract class AbstractProgram {
    private final AbstractVariableStore store;
    private final String kind;
    private final List<InputSpec> specs;
    private boolean closed;

    AbstractProgram(AbstractVariableStore store, String kind, List<InputSpec> specs) {
        this.store = store;
        this.kind = kind;
        this.specs = specs;
    }

    /** The input specs given at compile time. */
    public final List<InputSpec> specs() {
        return specs;
    }

    /** The monitor every run holds: the store's. */
    final Object lock() {
        return store;
    }

    /** Under the store's monitor: fails if this program or its store is closed, then checks {@code inputs} (unless null) against the specs. */
    final void checkRun(List<HostTensor> inputs) {
        if (closed || store.isClosed()) {
            throw CompileChecks.closed(kind);
        }
        if (inputs != null) {
            InputSpec.checkAll(specs, inputs);
        }
    }

    /** The store this program was compiled from. */
    protected final AbstractVariableStore store() {
        return store;
    }

    /**
     * Under the store's monitor: fails if this program or its store is closed, then checks resident {@code inputs}: this
     * store's and open, and fitting the specs (count, types, shapes, one batch size).
     */
    final List<AbstractResidentTensor> checkResident(List<ResidentTensor> inputs) {
        if (closed || store.isClosed()) {
            throw CompileChecks.closed(kind);
        }
        java.util.Objects.requireNonNull(inputs, "inputs are null");
        List<AbstractResidentTensor> out = new java.util.ArrayList<>(inputs.size());
        List<DType> dtypes = new java.util.ArrayList<>(inputs.size());
        List<Shape> shapes = new java.util.ArrayList<>(inputs.size());
        for (ResidentTensor t : inputs) {
            AbstractResidentTensor checked = store.resident("runResident", t);
            out.add(checked);
            dtypes.add(checked.dtype());
            shapes.add(checked.shape());
        }
        InputSpec.checkShapes(specs, dtypes, shapes);
        return out;
    }

    /** Releases what this program holds beyond its store (optimizer state, native graphs); called once. */
    protected void release() {
    }

    /** Releases this program; it cannot run afterwards. Closing twice is harmless. */
    public final void close() {
        synchronized (store) {
            if (!closed) {
                closeWithStore();
                store.forget(this);
            }
        }
    }

    final void closeWithStore() {
        if (!closed) {
            closed = true;
            release();
        }
    }
}
