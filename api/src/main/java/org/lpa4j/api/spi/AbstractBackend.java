package org.lpa4j.api.spi;

import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.lpa4j.api.backend.Backend;
import org.lpa4j.api.backend.Capability;
import org.lpa4j.api.backend.UnsupportedCapabilityException;
import org.lpa4j.api.compile.CompileChecks;
import org.lpa4j.api.compile.CompiledForward;
import org.lpa4j.api.compile.CompiledTrainStep;
import org.lpa4j.api.compile.InputSpec;
import org.lpa4j.api.compile.OptimizerSpec;
import org.lpa4j.api.compile.VariableStore;
import org.lpa4j.api.layers.Dense;
import org.lpa4j.api.params.ParameterSet;
import org.lpa4j.api.tensor.DType;
import org.lpa4j.api.tensor.HostTensor;
import org.lpa4j.api.tensor.Shape;
import org.lpa4j.api.tensor.Tensor;

/**
 * A backend's life cycle written once: its name and capabilities, the checks on the initial values, the stores it made
 * and closing them with it. A backend implements {@link #newStore} and releases its engine in {@link #release}.
 */
public abstract class AbstractBackend implements Backend {
    /** The system property that turns the {@link #warmUp()} off when {@code false}, e.g. to measure what it saves. */
    public static final String WARM_UP_PROPERTY = "lpa4j.warmUp";
    /** The backend classes that have run their {@link #warmUp()} in this process. */
    private static final Set<Class<?>> WARMED_UP = ConcurrentHashMap.newKeySet();
    /**
     * Train steps of the warm-up: the first pays the engine's one-time setup; the rest let the JIT compile the per-step
     * path (input copies, the run, an eager engine's trace) that every training takes.
     */
    private static final int WARM_UP_STEPS = 30;

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

    /**
     * Once per process and backend class, compiles and runs a tiny program (a dense layer with a residual connection,
     * tanh and a squared error: forward, and Adam steps where the backend trains), so that the one-time costs of the
     * engine and of the JVM (class loading, native setup, an engine's first run, the first compilation of the per-step
     * code) are paid before the first training its caller times, not inside it. Without it, whichever of two trainings
     * ran first took seconds longer (docs/speed.md). The experiment runner calls it before training; opening a backend
     * does not, so commands that only load or list backends do not pay it. It uses a store of its own, so no value a
     * caller computes changes. {@code -Dlpa4j.warmUp=false} skips it.
     */
    @Override
    public final void warmUp() {
        if ("false".equalsIgnoreCase(System.getProperty(WARM_UP_PROPERTY, "").trim()) || !WARMED_UP.add(getClass())) {
            return;
        }
        Dense layer = new Dense("warmUp", 4, 4);
        ParameterSet init = ParameterSet.initialize(layer.parameters(), 0, DType.FLOAT32);
        List<InputSpec> inputs = List.of(InputSpec.batched("x", DType.FLOAT32, 4), InputSpec.batched("y", DType.FLOAT32, 4));
        List<HostTensor> batch = List.of(HostTensor.ofFloats(Shape.of(2, 4), new float[] {1, 0, -1, 2, 0, 1, 3, -2}),
                HostTensor.ofFloats(Shape.of(2, 4), new float[] {0, 1, 0, -1, 1, 0, 2, 0}));
        try (VariableStore store = createVariables(init);
             CompiledForward forward = store.compileForward(inputs.subList(0, 1), (ops, p, in) -> List.of(ops.tanh(layer.forward(ops, p, in.get(0)))))) {
            forward.run(batch.subList(0, 1));
            try (CompiledTrainStep step = store.compileTrainStep(inputs, (ops, p, in) -> {
                Tensor x = in.get(0);
                Tensor error = ops.sub(ops.add(x, ops.tanh(layer.forward(ops, p, x))), in.get(1));
                return ops.mean(ops.square(error), new int[] {0, 1}, false);
            }, init.names(), OptimizerSpec.adam())) {
                for (int i = 0; i < WARM_UP_STEPS; i++) {
                    step.run(batch, 1e-3);
                }
            } catch (UnsupportedCapabilityException e) {
                // An inference-only backend warms up its forward programs alone.
            }
        }
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
