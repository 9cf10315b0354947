package org.lpa4j.backend.djl;

import org.lpa4j.api.backend.Backend;
import org.lpa4j.conformance.LayerConformance;

/** The shared layer conformance suite run on the DJL backend. */
class DjlLayerConformanceTest extends LayerConformance {
    @Override
    protected Backend createBackend() {
        return new DjlBackendProvider().create();
    }
}
