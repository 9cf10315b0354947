package org.lpa4j.backend.onnxruntime;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtSession;
import org.lpa4j.api.spi.AbstractResidentTensor;
import org.lpa4j.api.spi.AbstractVariableStore;
import org.lpa4j.api.tensor.DType;
import org.lpa4j.api.tensor.HostTensor;

/**
 * A tensor in ONNX Runtime's memory: either one this backend created, or one output of a run, which stays inside its
 * {@link OrtSession.Result} (no copy) until every output of that result that was handed out is closed.
 */
final class OnnxRuntimeResident extends AbstractResidentTensor {
    /** A run's result shared by the resident outputs taken from it; closed when the last of them is. */
    static final class SharedResult {
        private final OrtSession.Result result;
        private int open;

        SharedResult(OrtSession.Result result, int outputs) {
            this.result = result;
            this.open = outputs;
        }

        void release() {
            if (--open == 0) {
                result.close();
            }
        }
    }

    private final OnnxTensor tensor;
    private final SharedResult shared;

    /** A tensor this backend created and owns alone. */
    OnnxRuntimeResident(AbstractVariableStore store, OnnxTensor tensor, DType dtype) {
        this(store, tensor, dtype, null);
    }

    /** Output {@code tensor} of the shared result {@code shared}. */
    OnnxRuntimeResident(AbstractVariableStore store, OnnxTensor tensor, DType dtype, SharedResult shared) {
        super(store, OnnxRuntimeProgram.shapeOf(tensor), dtype);
        this.tensor = tensor;
        this.shared = shared;
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
            tensor.close();
        }
    }
}
