package org.lpa4j.backend.nd4j;

import org.lpa4j.api.backend.Backend;
import org.lpa4j.conformance.GradientConformance;

/** The shared gradient conformance suite (FLOAT32 and batched gradients) run on the nd4j backend. */
class Nd4jGradientConformanceTest extends GradientConformance {
    @Override
    protected Backend createBackend() {
        return new Nd4jBackendProvider().create();
    }
}
