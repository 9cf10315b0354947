package org.lpa4j.backend.tensorflow;

import org.lpa4j.api.backend.Backend;
import org.lpa4j.api.backend.BackendProvider;
import org.lpa4j.conformance.ProviderConformance;

/** The shared provider conformance suite run on the TensorFlow backend's provider. */
class TensorFlowProviderConformanceTest extends ProviderConformance {
    @Override
    protected Backend createBackend() {
        return new TensorFlowBackendProvider().create();
    }

    @Override
    protected BackendProvider provider() {
        return new TensorFlowBackendProvider();
    }
}
