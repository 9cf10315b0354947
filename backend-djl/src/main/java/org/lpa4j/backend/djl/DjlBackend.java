package org.lpa4j.backend.djl;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDManager;
import java.util.EnumSet;
import java.util.concurrent.locks.ReentrantLock;
import org.lpa4j.api.backend.Capability;
import org.lpa4j.api.params.ParameterSet;
import org.lpa4j.api.spi.AbstractBackend;
import org.lpa4j.api.spi.AbstractVariableStore;

/** The loaded PyTorch engine behind the neutral API; it owns one root {@code NDManager} and every store made from it. */
public final class DjlBackend extends AbstractBackend {
    /**
     * DJL's PyTorch {@code GradientCollector} is JVM-wide (only one may collect at a time), so every program that
     * collects gradients holds this lock while it does, inside its store's lock.
     */
    static final ReentrantLock GRADIENT_LOCK = new ReentrantLock();

    private final Engine engine;
    private final NDManager manager;

    DjlBackend(Engine engine) {
        super(DjlBackendProvider.NAME, "PyTorch " + engine.getVersion() + " via DJL " + Engine.getDjlVersion(),
                EnumSet.allOf(Capability.class));
        this.engine = engine;
        this.manager = engine.newBaseManager();
    }

    @Override
    protected AbstractVariableStore newStore(ParameterSet initial) {
        return new DjlVariableStore(this, manager.newSubManager(), initial);
    }

    /** The engine, for gradient collectors. */
    Engine engine() {
        return engine;
    }

    @Override
    protected void release() {
        manager.close();
    }
}
