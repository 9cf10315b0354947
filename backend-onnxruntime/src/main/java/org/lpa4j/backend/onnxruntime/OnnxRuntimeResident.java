package org.lpa4j.backend.onnxruntime;

import ai.onnxruntime.OnnxTensor;
import org.lpa4j.api.spi.AbstractResidentTensor;
import org.lpa4j.api.spi.AbstractVariableStore;
import org.lpa4j.api.spi.SharedResource;
import org.lpa4j.api.tensor.DType;
import org.lpa4j.api.tensor.HostTensor;

/**
 * A tensor in ONNX Runtime's memory: either a host value staged by this backend (its staging buffer is reused once it
 * closes), or one output of a run, which stays inside its {@code OrtSession.Result} (no copy) until every output of that
 * result that was handed out is closed.
 */
final class OnnxRuntimeResident extends AbstractResidentTensor {
    private final OnnxTensor tensor;
    private final SharedResource shared;
    private final OnnxRuntimeStaging.Staged staged;

    /** A host value staged by this backend, owned alone. */
    OnnxRuntimeResident(OnnxRuntimeVariableStore store, OnnxRuntimeStaging.Staged staged, DType dtype) {
        super(store, OnnxRuntimeProgram.shapeOf(staged.tensor()), dtype);
        this.tensor = staged.tensor();
        this.shared = null;
        this.staged = staged;
    }

    /** Output {@code tensor} of the shared result {@code shared}. */
    OnnxRuntimeResident(AbstractVariableStore store, OnnxTensor tensor, DType dtype, SharedResource shared) {
        super(store, OnnxRuntimeProgram.shapeOf(tensor), dtype);
        this.tensor = tensor;
        this.shared = shared;
        this.staged = null;
    }

    /** The engine value, to feed a run. */
    OnnxTensor tensor() {
        return tensor;
    }

    @Override
    protected HostTensor copyToHost() {
        return OnnxRuntimeProgram.host(tensor, dtype());
    }

    @Override
    protected void release() {
        if (shared != null) {
            shared.release();
        } else {
            ((OnnxRuntimeVariableStore) store()).staging().release(staged);
        }
    }
}
