package org.lpa4j.backend.tensorflow;

import org.lpa4j.api.backend.Backend;
import org.lpa4j.conformance.ResidentConformance;

/** The shared resident-tensor conformance suite run on the TensorFlow backend. */
class TensorFlowResidentConformanceTest extends ResidentConformance {
    @Override
    protected Backend createBackend() {
        return new TensorFlowBackendProvider().create();
    }
}
