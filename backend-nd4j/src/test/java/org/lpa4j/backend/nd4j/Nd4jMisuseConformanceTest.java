package org.lpa4j.backend.nd4j;

import org.lpa4j.api.backend.Backend;
import org.lpa4j.conformance.MisuseConformance;

/** The shared misuse conformance suite (the same sentence for the same misuse) run on the Nd4j backend. */
class Nd4jMisuseConformanceTest extends MisuseConformance {
    @Override
    protected Backend createBackend() {
        return new Nd4jBackendProvider().create();
    }
}
