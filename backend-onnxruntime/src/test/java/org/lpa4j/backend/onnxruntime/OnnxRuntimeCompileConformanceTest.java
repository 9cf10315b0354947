package org.lpa4j.backend.onnxruntime;

import org.lpa4j.api.backend.Backend;
import org.lpa4j.conformance.CompileConformance;

/** The shared compile conformance suite run on the ONNX Runtime backend. */
class OnnxRuntimeCompileConformanceTest extends CompileConformance {
    @Override
    protected Backend createBackend() {
        return new OnnxRuntimeBackendProvider().create();
    }
}
