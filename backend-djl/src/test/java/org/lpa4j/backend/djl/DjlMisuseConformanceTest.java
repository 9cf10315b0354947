package org.lpa4j.backend.djl;

import org.lpa4j.api.backend.Backend;
import org.lpa4j.conformance.MisuseConformance;

/** The shared misuse conformance suite (the same sentence for the same misuse) run on the Djl backend. */
class DjlMisuseConformanceTest extends MisuseConformance {
    @Override
    protected Backend createBackend() {
        return new DjlBackendProvider().create();
    }
}
