package org.lpa4j.backend.djl;

import org.lpa4j.api.backend.Backend;
import org.lpa4j.conformance.ResidentConformance;

/** The shared resident-tensor conformance suite run on the Djl backend. */
class DjlResidentConformanceTest extends ResidentConformance {
    @Override
    protected Backend createBackend() {
        return new DjlBackendProvider().create();
    }
}
