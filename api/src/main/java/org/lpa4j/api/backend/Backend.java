package org.lpa4j.api.backend;

import java.util.Set;
import org.lpa4j.api.compile.VariableStore;
import org.lpa4j.api.params.ParameterSet;

/** A loaded deep-learning engine behind the neutral API; create one through {@link Backends}. */
public interface Backend extends AutoCloseable {

    /** The short name users select it by, e.g. {@code djl}. */
    String name();

    /** The engine and its version, e.g. {@code PyTorch 2.7.1 via DJL 0.35.1}. */
    String engineVersion();

    /** The optional features this backend has. */
    Set<Capability> capabilities();

    /** Whether {@code capability} is supported. */
    default boolean supports(Capability capability) {
        return capabilities().contains(capability);
    }

    /**
     * Creates live variables holding {@code initial} (copied; FLOAT32 or FLOAT64, as the values are), from which
     * programs are compiled.
     */
    VariableStore createVariables(ParameterSet initial);

    /**
     * Pays the engine's one-time costs (native setup, first compilation) before a caller times its first training, so
     * that whichever of two trainings runs first is not charged for them; once per process, nothing by default.
     */
    default void warmUp() {
    }

    /** Releases the engine's resources held by this backend instance; closing twice is harmless. */
    @Override
    void close();
}
