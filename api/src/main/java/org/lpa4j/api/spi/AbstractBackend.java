package org.lpa4j.api.spi;

import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.lpa4j.api.backend.Backend;
import org.lpa4j.api.backend.Capability;
import org.lpa4j.api.compile.CompileChecks;
import org.lpa4j.api.compile.VariableStore;
import org.lpa4j.api.params.ParameterSet;

/**
 * A backend's life cycle written once: its name and capabilities, the checks on the initial values, the stores it made
 * and closing them with it. A backend implements {@link #newStore} and releases its engine in {@link #release}.
 */
public abstract class AbstractBackend implements Backend {
    private final String name;
    private final String engineVersion;
    private final Set<Capability> capabilities;
    private final Set<AbstractVariableStore> stores = new LinkedHashSet<>();
    private boolean closed;

    /** A backend called {@code name} on the engine {@code engineVersion} that supports {@code capabilities}. */
    protected AbstractBackend(String name, String engineVersion, Set<Capability> capabilities) {
        this.name = Objects.requireNonNull(name, "name is null");
        this.engineVersion = Objects.requireNonNull(engineVersion, "engineVersion is null");
        this.capabilities = Collections.unmodifiableSet(capabilities.isEmpty() ? EnumSet.noneOf(Capability.class)
                : EnumSet.copyOf(capabilities));
    }

    @Override
    public final String name() {
        return name;
    }

    @Override
    public final String engineVersion() {
        return engineVersion;
    }

    @Override
    public final Set<Capability> capabilities() {
        return capabilities;
    }

    @Override
    public final synchronized VariableStore createVariables(ParameterSet initial) {
        if (closed) {
            throw CompileChecks.closed("backend");
        }
        Objects.requireNonNull(initial, "The initial parameter values are null.");
        CompileChecks.requireFinite(initial);
        AbstractVariableStore store = newStore(initial);
        stores.add(store);
        return store;
    }

    /** A new store holding a copy of the checked, finite {@code initial} values. */
    protected abstract AbstractVariableStore newStore(ParameterSet initial);

    /** Releases the engine resources of this backend; every store is already closed. */
    protected void release() {
    }

    final synchronized void forget(AbstractVariableStore store) {
        stores.remove(store);
    }

    /** Closes every store still open (and their programs), then the engine resources. */
    @Override
    public final void close() {
        List<AbstractVariableStore> open;
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            open = new ArrayList<>(stores);
        }
        for (AbstractVariableStore store : open) {
            store.close();
        }
        release();
    }

    @Override
    public String toString() {
        return name + " (" + engineVersion + ")";
    }
}
