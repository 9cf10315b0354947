package org.lpa4j.backend.tensorflow;

import org.lpa4j.api.backend.Backend;
import org.lpa4j.conformance.LpaOptionsConformance;

/** The LPA options' training checks run on the TensorFlow backend. */
class TensorFlowLpaOptionsConformanceTest extends LpaOptionsConformance {
    @Override
    protected Backend createBackend() {
        return new TensorFlowBackendProvider().create();
    }
}
