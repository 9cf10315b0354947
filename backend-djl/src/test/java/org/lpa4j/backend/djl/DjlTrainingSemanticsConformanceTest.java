package org.lpa4j.backend.djl;

import org.lpa4j.api.backend.Backend;
import org.lpa4j.conformance.TrainingSemanticsConformance;

/** The shared training-semantics suite run on the DJL backend. */
class DjlTrainingSemanticsConformanceTest extends TrainingSemanticsConformance {
    @Override
    protected Backend createBackend() {
        return new DjlBackendProvider().create();
    }
}
