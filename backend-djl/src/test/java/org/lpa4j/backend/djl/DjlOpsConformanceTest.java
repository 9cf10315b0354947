package org.lpa4j.backend.djl;

import org.lpa4j.api.backend.Backend;
import org.lpa4j.conformance.OpsConformance;

/** The shared ops conformance suite run on the DJL backend. */
class DjlOpsConformanceTest extends OpsConformance {
    @Override
    protected Backend createBackend() {
        return new DjlBackendProvider().create();
    }
}
