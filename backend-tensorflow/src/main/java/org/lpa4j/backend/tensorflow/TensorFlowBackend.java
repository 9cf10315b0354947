package org.lpa4j.backend.tensorflow;

import java.util.EnumSet;
import org.lpa4j.api.backend.Capability;
import org.lpa4j.api.params.ParameterSet;
import org.lpa4j.api.spi.AbstractBackend;
import org.lpa4j.api.spi.AbstractVariableStore;

/**
 * TensorFlow Java in graph mode: each variable store is one graph and one session, into which functions are
 * traced once and run many times. It supports every {@link Capability}.
 */
public final class TensorFlowBackend extends AbstractBackend {
    /** The short name users select this backend by. */
    public static final String NAME = "tensorflow";

    TensorFlowBackend(String tensorFlowVersion) {
        super(NAME, "TensorFlow " + tensorFlowVersion + " via TensorFlow Java " + TensorFlowBackendProvider.TENSORFLOW_JAVA_VERSION,
                EnumSet.allOf(Capability.class));
    }

    @Override
    protected AbstractVariableStore newStore(ParameterSet initial) {
        return new TensorFlowVariableStore(this, initial);
    }
}
