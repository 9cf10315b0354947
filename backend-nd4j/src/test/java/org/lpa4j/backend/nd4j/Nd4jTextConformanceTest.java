package org.lpa4j.backend.nd4j;

import org.lpa4j.api.backend.Backend;
import org.lpa4j.conformance.TextConformance;

/** The shared text suite (Transformer on Moby Dick, causal mask) run on the nd4j backend. */
class Nd4jTextConformanceTest extends TextConformance {
    @Override
    protected Backend createBackend() {
        return new Nd4jBackendProvider().create();
    }
}
