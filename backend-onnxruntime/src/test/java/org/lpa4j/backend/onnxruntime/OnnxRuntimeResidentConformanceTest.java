package org.lpa4j.backend.onnxruntime;

import org.lpa4j.api.backend.Backend;
import org.lpa4j.conformance.ResidentConformance;

/** The shared resident-tensor conformance suite run on the OnnxRuntime backend. */
class OnnxRuntimeResidentConformanceTest extends ResidentConformance {
    @Override
    protected Backend createBackend() {
        return new OnnxRuntimeBackendProvider().create();
    }
}
