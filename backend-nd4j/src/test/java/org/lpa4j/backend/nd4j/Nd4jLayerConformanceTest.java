package org.lpa4j.backend.nd4j;

import org.lpa4j.api.backend.Backend;
import org.lpa4j.conformance.LayerConformance;

/** The shared layer conformance suite run on the nd4j backend. */
class Nd4jLayerConformanceTest extends LayerConformance {
    @Override
    protected Backend createBackend() {
        return new Nd4jBackendProvider().create();
    }
}
