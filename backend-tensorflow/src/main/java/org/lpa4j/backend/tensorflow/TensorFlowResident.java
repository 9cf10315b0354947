package org.lpa4j.backend.tensorflow;

import org.lpa4j.api.spi.AbstractResidentTensor;
import org.lpa4j.api.spi.AbstractVariableStore;
import org.lpa4j.api.spi.SharedResource;
import org.lpa4j.api.tensor.HostTensor;
import org.tensorflow.Result;
import org.tensorflow.Tensor;

/**
 * A native TensorFlow tensor kept between session runs: one this backend made from host values, or one output of a run,
 * which stays inside its {@link Result} until every output of that result handed out is closed. Feeding it to the next
 * run copies nothing through Java.
 */
final class TensorFlowResident extends AbstractResidentTensor {
    private final Tensor tensor;
    private final SharedResource shared;

    TensorFlowResident(AbstractVariableStore store, Tensor tensor, SharedResource shared) {
        super(store, TensorFlowHostCopy.shape(tensor), TensorFlowHostCopy.dtype(tensor.dataType()));
        this.tensor = tensor;
        this.shared = shared;
    }

    Tensor tensor() {
        return tensor;
    }

    @Override
    protected HostTensor copyToHost() {
        return TensorFlowHostCopy.toHost(tensor);
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
