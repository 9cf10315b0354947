package org.lpa4j.backend.nd4j;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.lpa4j.api.backend.Backend;
import org.lpa4j.api.backend.Capability;
import org.lpa4j.api.compile.CompileChecks;
import org.lpa4j.api.compile.VariableStore;
import org.lpa4j.api.params.ParameterSet;

/** The nd4j backend: traced functions become SameDiff graphs run on ND4J's native CPU backend; it supports every capability. */
final class Nd4jBackend implements Backend {
    private static final Set<Capability> CAPABILITIES = EnumSet.allOf(Capability.class);

    private final String engineVersion;
    private final List<Nd4jVariableStore> stores = new ArrayList<>();
    private volatile boolean closed;

    Nd4jBackend(String engineVersion) {
        this.engineVersion = engineVersion;
    }

    @Override
    public String name() {
        return Nd4jBackendProvider.NAME;
    }

    @Override
    public String engineVersion() {
        return engineVersion;
    }

    @Override
    public Set<Capability> capabilities() {
        return Set.copyOf(CAPABILITIES);
    }

    @Override
    public synchronized VariableStore createVariables(ParameterSet initial) {
        if (closed) {
            throw CompileChecks.closed("backend");
        }
        Objects.requireNonNull(initial, "initial parameters are null");
        CompileChecks.requireFinite(initial);
        Nd4jVariableStore store = new Nd4jVariableStore(this, initial);
        stores.add(store);
        return store;
    }

    synchronized void forget(Nd4jVariableStore store) {
        stores.remove(store);
    }

    @Override
    public void close() {
        List<Nd4jVariableStore> open;
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            open = new ArrayList<>(stores);
        }
        for (Nd4jVariableStore s : open) {
            s.close();
        }
    }

    @Override
    public String toString() {
        return "Nd4jBackend(" + engineVersion + ")";
    }
}
