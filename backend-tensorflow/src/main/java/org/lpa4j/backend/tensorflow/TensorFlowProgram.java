package org.lpa4j.backend.tensorflow;

import java.util.ArrayList;
import java.util.List;
import org.lpa4j.api.Lpa4jException;
import org.lpa4j.api.compile.CompileChecks;
import org.lpa4j.api.compile.InputSpec;
import org.lpa4j.api.tensor.HostTensor;
import org.tensorflow.Operation;
import org.tensorflow.Output;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.Tensor;
import org.tensorflow.exceptions.TensorFlowException;

/**
 * What every compiled program shares: its input specs and placeholders, one session run per call (inputs copied in
 * once, every native tensor closed afterwards) and its closed state. Running adds no node to the graph.
 */
abstract class TensorFlowProgram implements AutoCloseable {
    private final TensorFlowVariableStore store;
    private final String kind;
    private final List<InputSpec> specs;
    private final List<Output<?>> placeholders;
    private volatile boolean closed;

    TensorFlowProgram(TensorFlowVariableStore store, String kind, List<InputSpec> specs, List<Output<?>> placeholders) {
        this.store = store;
        this.kind = kind;
        this.specs = List.copyOf(specs);
        this.placeholders = List.copyOf(placeholders);
    }

    TensorFlowVariableStore store() {
        return store;
    }

    /**
     * Runs the graph once: feeds {@code inputs} (checked against the specs) and {@code extra} values, fetches
     * {@code fetches} and runs {@code target} when not null. The caller closes the result.
     */
    Result execute(List<HostTensor> inputs, List<Output<?>> fetches, Operation target, Output<?> extraPlaceholder,
            HostTensor extraValue) {
        if (closed) {
            throw CompileChecks.closed(kind);
        }
        InputSpec.checkAll(specs, inputs);
        Session session = store.session();
        List<Tensor> fed = new ArrayList<>(inputs.size() + 1);
        try {
            Session.Runner runner = session.runner();
            for (int i = 0; i < placeholders.size(); i++) {
                Tensor t = TensorFlowHostCopy.toNative(inputs.get(i));
                fed.add(t);
                runner.feed(placeholders.get(i), t);
            }
            if (extraPlaceholder != null) {
                Tensor t = TensorFlowHostCopy.toNative(extraValue);
                fed.add(t);
                runner.feed(extraPlaceholder, t);
            }
            for (Output<?> f : fetches) {
                runner.fetch(f);
            }
            if (target != null) {
                runner.addTarget(target);
            }
            return runner.run();
        } catch (TensorFlowException e) {
            throw new Lpa4jException("TensorFlow could not run this " + kind + ": " + e.getMessage()
                    + " Check the input values (for example that indices lie inside the table).", e);
        } finally {
            for (Tensor t : fed) {
                t.close();
            }
        }
    }

    boolean isClosed() {
        return closed;
    }

    /** Marks the program closed; subclasses release their native state in {@link #release()}. */
    @Override
    public final void close() {
        if (closed) {
            return;
        }
        closed = true;
        release();
        store.forget(this);
    }

    /** Called by the store when it closes first: marks the program closed without touching the session. */
    final void closeWithStore() {
        closed = true;
    }

    /** Releases native state held in the session (optimizer slots); the session is still open. */
    void release() {
    }
}
