package org.lpa4j.backend.nd4j;

import org.lpa4j.api.backend.Backend;
import org.lpa4j.conformance.TrainingSemanticsConformance;

/** The shared training-semantics conformance suite run on the nd4j backend. */
class Nd4jTrainingSemanticsConformanceTest extends TrainingSemanticsConformance {
    @Override
    protected Backend createBackend() {
        return new Nd4jBackendProvider().create();
    }
}
