package org.lpa4j.backend.djl;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDManager;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.locks.ReentrantLock;
import org.lpa4j.api.backend.Backend;
import org.lpa4j.api.backend.Capability;
import org.lpa4j.api.compile.CompileChecks;
import org.lpa4j.api.compile.VariableStore;
import org.lpa4j.api.params.ParameterSet;

/** The loaded PyTorch engine behind the neutral API; it owns one root {@code NDManager} and every store made from it. */
public final class DjlBackend implements Backend {
    /**
     * DJL's PyTorch {@code GradientCollector} is JVM-wide (only one may collect at a time), so every program that
     * collects gradients holds this lock while it does.
     */
    static final ReentrantLock GRADIENT_LOCK = new ReentrantLock();

    private final Engine engine;
    private final NDManager manager;
    private final Set<DjlVariableStore> stores = Collections.synchronizedSet(new LinkedHashSet<>());
    private volatile boolean closed;

    DjlBackend(Engine engine) {
        this.engine = Objects.requireNonNull(engine, "engine is null");
        this.manager = engine.newBaseManager();
    }

    @Override
    public String name() {
        return DjlBackendProvider.NAME;
    }

    @Override
    public String engineVersion() {
        return "PyTorch " + engine.getVersion() + " via DJL " + Engine.getDjlVersion();
    }

    @Override
    public Set<Capability> capabilities() {
        return Collections.unmodifiableSet(EnumSet.allOf(Capability.class));
    }

    @Override
    public VariableStore createVariables(ParameterSet initial) {
        Objects.requireNonNull(initial, "initial is null");
        if (closed) {
            throw CompileChecks.closed("backend");
        }
        CompileChecks.requireFinite(initial);
        DjlVariableStore store = new DjlVariableStore(this, manager.newSubManager(), initial);
        stores.add(store);
        return store;
    }

    /** The engine, for gradient collectors. */
    Engine engine() {
        return engine;
    }

    void forget(DjlVariableStore store) {
        stores.remove(store);
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        for (DjlVariableStore store : new ArrayList<>(stores)) {
            store.close();
        }
        manager.close();
    }
}
