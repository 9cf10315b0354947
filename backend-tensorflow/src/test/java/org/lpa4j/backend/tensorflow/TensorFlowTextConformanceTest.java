package org.lpa4j.backend.tensorflow;

import org.lpa4j.api.backend.Backend;
import org.lpa4j.conformance.TextConformance;

/** The shared text suite (Transformer on Moby Dick, causal mask) run on the tensorflow backend. */
class TensorFlowTextConformanceTest extends TextConformance {
    @Override
    protected Backend createBackend() {
        return new TensorFlowBackendProvider().create();
    }
}
