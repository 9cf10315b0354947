package org.lpa4j.backend.nd4j;

import java.util.EnumSet;
import org.lpa4j.api.backend.Capability;
import org.lpa4j.api.params.ParameterSet;
import org.lpa4j.api.spi.AbstractBackend;
import org.lpa4j.api.spi.AbstractVariableStore;

/** The nd4j backend: traced functions become SameDiff graphs run on ND4J's native CPU backend; it supports every capability. */
final class Nd4jBackend extends AbstractBackend {
    Nd4jBackend(String engineVersion) {
        super(Nd4jBackendProvider.NAME, engineVersion, EnumSet.allOf(Capability.class));
    }

    @Override
    protected AbstractVariableStore newStore(ParameterSet initial) {
        return new Nd4jVariableStore(this, initial);
    }
}
