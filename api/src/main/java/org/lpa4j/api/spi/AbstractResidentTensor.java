package org.lpa4j.api.spi;

import java.util.Objects;
import org.lpa4j.api.compile.CompileChecks;
import org.lpa4j.api.compile.ResidentTensor;
import org.lpa4j.api.compile.VariableStore;
import org.lpa4j.api.tensor.DType;
import org.lpa4j.api.tensor.HostTensor;
import org.lpa4j.api.tensor.Shape;

/**
 * What every resident tensor shares: its shape, type and store, and the checks before each use (open, and its store
 * open). A backend implements the copy to the host and the release of its engine value.
 */
public abstract class AbstractResidentTensor implements ResidentTensor {
    private final AbstractVariableStore store;
    private final Shape shape;
    private final DType dtype;
    private boolean closed;

    protected AbstractResidentTensor(AbstractVariableStore store, Shape shape, DType dtype) {
        this.store = Objects.requireNonNull(store, "store is null");
        this.shape = shape;
        this.dtype = dtype;
    }

    @Override
    public final Shape shape() {
        return shape;
    }

    @Override
    public final DType dtype() {
        return dtype;
    }

    @Override
    public final VariableStore owner() {
        return store;
    }

    /** The store, for the backend's programs. */
    protected final AbstractVariableStore store() {
        return store;
    }

    @Override
    public final HostTensor toHost() {
        synchronized (store) {
            requireUsable();
            return copyToHost();
        }
    }

    @Override
    public final boolean isClosed() {
        return closed || store.isClosed();
    }

    /** Fails with the shared sentence when this tensor or its store is closed. */
    final void requireUsable() {
        if (closed) {
            throw CompileChecks.closed("resident tensor");
        }
        if (store.isClosed()) {
            throw CompileChecks.closed("resident tensor's variable store");
        }
    }

    @Override
    public final void close() {
        synchronized (store) {
            if (!closed) {
                closed = true;
                store.forget(this);
                release();
            }
        }
    }

    /** Closes it with its store (the store's monitor is held). */
    final void closeWithStore() {
        if (!closed) {
            closed = true;
            release();
        }
    }

    /** A host copy of the engine value; the tensor and its store are open. */
    protected abstract HostTensor copyToHost();

    /** Frees the engine value; called once. */
    protected abstract void release();

    @Override
    public String toString() {
        return "ResidentTensor(" + dtype + " " + shape + (isClosed() ? ", closed" : "") + ")";
    }
}
