package org.lpa4j.backend.djl;

import org.lpa4j.api.backend.Backend;
import org.lpa4j.conformance.TextConformance;

/** The shared text suite (Transformer on Moby Dick, causal mask) run on the djl backend. */
class DjlTextConformanceTest extends TextConformance {
    @Override
    protected Backend createBackend() {
        return new DjlBackendProvider().create();
    }
}
