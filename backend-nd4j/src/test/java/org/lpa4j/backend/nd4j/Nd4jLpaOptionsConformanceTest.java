package org.lpa4j.backend.nd4j;

import org.lpa4j.api.backend.Backend;
import org.lpa4j.conformance.LpaOptionsConformance;

/** The LPA options' training checks run on the Nd4j backend. */
class Nd4jLpaOptionsConformanceTest extends LpaOptionsConformance {
    @Override
    protected Backend createBackend() {
        return new Nd4jBackendProvider().create();
    }
}
