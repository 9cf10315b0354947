package org.lpa4j.backend.onnxruntime;

import org.lpa4j.api.backend.Backend;
import org.lpa4j.api.backend.BackendProvider;
import org.lpa4j.conformance.ProviderConformance;

/** The shared provider conformance suite run on the ONNX Runtime backend. */
class OnnxRuntimeProviderConformanceTest extends ProviderConformance {
    @Override
    protected Backend createBackend() {
        return new OnnxRuntimeBackendProvider().create();
    }

    @Override
    protected BackendProvider provider() {
        return new OnnxRuntimeBackendProvider();
    }
}
