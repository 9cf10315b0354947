package org.lpa4j.backend.onnxruntime;

import org.lpa4j.api.backend.Backend;
import org.lpa4j.conformance.OpsConformance;

/** The shared ops conformance suite run on the ONNX Runtime backend. */
class OnnxRuntimeOpsConformanceTest extends OpsConformance {
    @Override
    protected Backend createBackend() {
        return new OnnxRuntimeBackendProvider().create();
    }
}
