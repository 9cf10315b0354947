package org.lpa4j.backend.tensorflow;

import org.lpa4j.api.backend.Backend;
import org.lpa4j.conformance.MisuseConformance;

/** The shared misuse conformance suite (the same sentence for the same misuse) run on the TensorFlow backend. */
class TensorFlowMisuseConformanceTest extends MisuseConformance {
    @Override
    protected Backend createBackend() {
        return new TensorFlowBackendProvider().create();
    }
}
