package org.lpa4j.backend.nd4j;

import org.lpa4j.api.backend.Backend;
import org.lpa4j.conformance.CompileConformance;

/** The shared compile conformance suite run on the nd4j backend. */
class Nd4jCompileConformanceTest extends CompileConformance {
    @Override
    protected Backend createBackend() {
        return new Nd4jBackendProvider().create();
    }
}
