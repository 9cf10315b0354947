package org.lpa4j.backend.tensorflow;

import org.lpa4j.api.backend.Backend;
import org.lpa4j.conformance.OptimizerConformance;

/** The shared optimizer conformance suite run on the TensorFlow backend. */
class TensorFlowOptimizerConformanceTest extends OptimizerConformance {
    @Override
    protected Backend createBackend() {
        return new TensorFlowBackendProvider().create();
    }
}
