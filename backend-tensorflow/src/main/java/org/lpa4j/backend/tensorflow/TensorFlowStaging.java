package org.lpa4j.backend.tensorflow;

import org.lpa4j.api.tensor.HostTensor;
import org.tensorflow.Tensor;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TFloat64;
import org.tensorflow.types.TInt32;

/**
 * The native tensors a forward program's host inputs are copied into, one per input, kept from call to call and made
 * anew only when an input's type or shape changes: a fresh tensor per call is new memory (allocated, faulted in and
 * freed every call), which on a call of a few blocks is a part of its fixed cost. Used under the store's monitor, by a
 * program whose outputs are copied to the host before its next call, so nothing still reads a kept tensor when it is
 * overwritten.
 */
final class TensorFlowStaging implements AutoCloseable {
    private final Tensor[] kept;

    TensorFlowStaging(int inputs) {
        this.kept = new Tensor[inputs];
    }

    /** {@code value} copied into input {@code i}'s kept tensor; the staging still owns it. */
    Tensor stage(int i, HostTensor value) {
        Tensor t = kept[i];
        if (t != null && TensorFlowHostCopy.dtype(t.dataType()) == value.dtype() && TensorFlowHostCopy.shape(t).equals(value.shape())) {
            switch (value.dtype()) {
                case FLOAT32 -> ((TFloat32) t).copyFrom(DataBuffers.of(value.floatsUnsafe(), true, false));
                case FLOAT64 -> ((TFloat64) t).copyFrom(DataBuffers.of(value.doublesUnsafe(), true, false));
                case INT32 -> ((TInt32) t).copyFrom(DataBuffers.of(value.intsUnsafe(), true, false));
            }
            return t;
        }
        if (t != null) {
            kept[i] = null;
            t.close();
        }
        kept[i] = TensorFlowHostCopy.toNative(value);
        return kept[i];
    }

    /** Closes every kept tensor. */
    @Override
    public void close() {
        for (int i = 0; i < kept.length; i++) {
            if (kept[i] != null) {
                kept[i].close();
                kept[i] = null;
            }
        }
    }
}
