package org.lpa4j.backend.onnxruntime;

import org.lpa4j.api.backend.Backend;
import org.lpa4j.conformance.MisuseConformance;

/** The shared misuse conformance suite run on the ONNX Runtime backend. */
class OnnxRuntimeMisuseConformanceTest extends MisuseConformance {
    @Override
    protected Backend createBackend() {
        return new OnnxRuntimeBackendProvider().create();
    }
}
