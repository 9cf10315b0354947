package org.lpa4j.backend.tensorflow;

import org.lpa4j.api.backend.Backend;
import org.lpa4j.conformance.OpsConformance;

/** The shared ops conformance suite run on the TensorFlow backend. */
class TensorFlowOpsConformanceTest extends OpsConformance {
    @Override
    protected Backend createBackend() {
        return new TensorFlowBackendProvider().create();
    }
}
