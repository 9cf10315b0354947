package org.lpa4j.backend.tensorflow;

import org.lpa4j.api.backend.Backend;
import org.lpa4j.conformance.LayerConformance;

/** The shared layer conformance suite run on the TensorFlow backend. */
class TensorFlowLayerConformanceTest extends LayerConformance {
    @Override
    protected Backend createBackend() {
        return new TensorFlowBackendProvider().create();
    }
}
