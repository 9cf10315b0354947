package org.lpa4j.backend.nd4j;

import org.lpa4j.api.backend.Backend;
import org.lpa4j.api.backend.BackendProvider;
import org.lpa4j.conformance.ProviderConformance;

/** The shared provider conformance suite run on the nd4j backend's provider. */
class Nd4jProviderConformanceTest extends ProviderConformance {
    @Override
    protected Backend createBackend() {
        return new Nd4jBackendProvider().create();
    }

    @Override
    protected BackendProvider provider() {
        return new Nd4jBackendProvider();
    }
}
