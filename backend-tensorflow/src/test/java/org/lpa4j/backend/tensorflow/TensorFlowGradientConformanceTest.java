package org.lpa4j.backend.tensorflow;

import org.lpa4j.api.backend.Backend;
import org.lpa4j.conformance.GradientConformance;

/** The shared gradient conformance suite (FLOAT32 and batched gradients) run on the TensorFlow backend. */
class TensorFlowGradientConformanceTest extends GradientConformance {
    @Override
    protected Backend createBackend() {
        return new TensorFlowBackendProvider().create();
    }
}
