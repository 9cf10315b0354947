package org.lpa4j.backend.djl;

import org.lpa4j.api.backend.Backend;
import org.lpa4j.conformance.GradientConformance;

/** The shared gradient conformance suite (FLOAT32 and batched gradients) run on the DJL backend. */
class DjlGradientConformanceTest extends GradientConformance {
    @Override
    protected Backend createBackend() {
        return new DjlBackendProvider().create();
    }
}
