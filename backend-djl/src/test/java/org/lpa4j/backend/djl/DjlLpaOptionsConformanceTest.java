package org.lpa4j.backend.djl;

import org.lpa4j.api.backend.Backend;
import org.lpa4j.conformance.LpaOptionsConformance;

/** The LPA options' training checks run on the Djl backend. */
class DjlLpaOptionsConformanceTest extends LpaOptionsConformance {
    @Override
    protected Backend createBackend() {
        return new DjlBackendProvider().create();
    }
}
