package org.lpa4j.api.compile;

import org.lpa4j.api.tensor.DType;
import org.lpa4j.api.tensor.HostTensor;
import org.lpa4j.api.tensor.Shape;

/**
 * A tensor kept in the engine's memory between program runs, so that a program's output feeds the next program without
 * a round trip through the host (early exit passes each block's state this way). It belongs to one variable store
 * ({@link #owner()}); {@link #close()} frees it, and it cannot be used after it or its store is closed.
 */
public interface ResidentTensor extends AutoCloseable {

    /** The static shape, the batch dimension included. */
    Shape shape();

    /** The element type. */
    DType dtype();

    /** The variable store it belongs to: only that store's programs take it. */
    VariableStore owner();

    /** A host copy of the values. */
    HostTensor toHost();

    /** Whether {@link #close()} has been called (or its store closed). */
    boolean isClosed();

    /** Frees the engine memory; closing twice is harmless. */
    @Override
    void close();
}
