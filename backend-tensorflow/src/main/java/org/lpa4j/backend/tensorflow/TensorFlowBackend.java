package org.lpa4j.backend.tensorflow;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.lpa4j.api.backend.Backend;
import org.lpa4j.api.backend.Capability;
import org.lpa4j.api.compile.CompileChecks;
import org.lpa4j.api.compile.VariableStore;
import org.lpa4j.api.params.ParameterSet;

/**
 * TensorFlow Java in graph mode: each variable store is one graph and one session, into which functions are
 * traced once and run many times. It supports every {@link Capability}.
 */
public final class TensorFlowBackend implements Backend {
    /** The short name users select this backend by. */
    public static final String NAME = "tensorflow";

    private final String engineVersion;
    private final List<TensorFlowVariableStore> stores = new ArrayList<>();
    private boolean closed;

    TensorFlowBackend(String tensorFlowVersion) {
        this.engineVersion = "TensorFlow " + tensorFlowVersion + " via TensorFlow Java " + TensorFlowBackendProvider.TENSORFLOW_JAVA_VERSION;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String engineVersion() {
        return engineVersion;
    }

    @Override
    public Set<Capability> capabilities() {
        return EnumSet.allOf(Capability.class);
    }

    @Override
    public synchronized VariableStore createVariables(ParameterSet initial) {
        if (closed) {
            throw CompileChecks.closed("backend");
        }
        TensorFlowVariableStore store = new TensorFlowVariableStore(this, initial);
        stores.add(store);
        return store;
    }

    synchronized void forget(TensorFlowVariableStore store) {
        stores.remove(store);
    }

    /** Closes every variable store still open (their programs, sessions and graphs). */
    @Override
    public void close() {
        List<TensorFlowVariableStore> open;
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            open = new ArrayList<>(stores);
        }
        for (TensorFlowVariableStore s : open) {
            s.close();
        }
    }

    @Override
    public String toString() {
        return NAME + " (" + engineVersion + ")";
    }
}
