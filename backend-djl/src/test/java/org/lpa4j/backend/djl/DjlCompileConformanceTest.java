package org.lpa4j.backend.djl;

import org.lpa4j.api.backend.Backend;
import org.lpa4j.conformance.CompileConformance;

/** The shared compile conformance suite run on the DJL backend. */
class DjlCompileConformanceTest extends CompileConformance {
    @Override
    protected Backend createBackend() {
        return new DjlBackendProvider().create();
    }
}
