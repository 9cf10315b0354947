package org.lpa4j.backend.djl;

import org.lpa4j.api.backend.Backend;
import org.lpa4j.api.backend.BackendProvider;
import org.lpa4j.conformance.ProviderConformance;

/** The shared provider conformance suite run on the DJL backend's provider. */
class DjlProviderConformanceTest extends ProviderConformance {
    @Override
    protected Backend createBackend() {
        return new DjlBackendProvider().create();
    }

    @Override
    protected BackendProvider provider() {
        return new DjlBackendProvider();
    }
}
