package org.lpa4j.backend.nd4j;

import org.lpa4j.api.backend.Backend;
import org.lpa4j.conformance.ResidentConformance;

/** The shared resident-tensor conformance suite run on the Nd4j backend. */
class Nd4jResidentConformanceTest extends ResidentConformance {
    @Override
    protected Backend createBackend() {
        return new Nd4jBackendProvider().create();
    }
}
