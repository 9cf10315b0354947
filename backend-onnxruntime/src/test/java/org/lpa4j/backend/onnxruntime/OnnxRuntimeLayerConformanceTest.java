package org.lpa4j.backend.onnxruntime;

import org.lpa4j.api.backend.Backend;
import org.lpa4j.conformance.LayerConformance;

/** The shared layer conformance suite run on the ONNX Runtime backend. */
class OnnxRuntimeLayerConformanceTest extends LayerConformance {
    @Override
    protected Backend createBackend() {
        return new OnnxRuntimeBackendProvider().create();
    }
}
