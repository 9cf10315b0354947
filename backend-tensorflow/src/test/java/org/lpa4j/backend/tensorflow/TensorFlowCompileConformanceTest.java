package org.lpa4j.backend.tensorflow;

import org.lpa4j.api.backend.Backend;
import org.lpa4j.conformance.CompileConformance;

/** The shared compile conformance suite run on the TensorFlow backend. */
class TensorFlowCompileConformanceTest extends CompileConformance {
    @Override
    protected Backend createBackend() {
        return new TensorFlowBackendProvider().create();
    }
}
