package org.lpa4j.backend.tensorflow;

import org.lpa4j.api.backend.Backend;
import org.lpa4j.conformance.TrainingSemanticsConformance;

/** The shared training-semantics suite run on the TensorFlow backend. */
class TensorFlowTrainingSemanticsConformanceTest extends TrainingSemanticsConformance {
    @Override
    protected Backend createBackend() {
        return new TensorFlowBackendProvider().create();
    }
}
