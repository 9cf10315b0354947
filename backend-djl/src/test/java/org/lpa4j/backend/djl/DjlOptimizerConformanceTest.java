package org.lpa4j.backend.djl;

import org.lpa4j.api.backend.Backend;
import org.lpa4j.conformance.OptimizerConformance;

/** The shared optimizer conformance suite run on the DJL backend. */
class DjlOptimizerConformanceTest extends OptimizerConformance {
    @Override
    protected Backend createBackend() {
        return new DjlBackendProvider().create();
    }
}
