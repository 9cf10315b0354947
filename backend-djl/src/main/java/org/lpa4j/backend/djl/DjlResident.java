package org.lpa4j.backend.djl;

import ai.djl.ndarray.NDArray;
import org.lpa4j.api.spi.AbstractResidentTensor;
import org.lpa4j.api.spi.AbstractVariableStore;
import org.lpa4j.api.tensor.DType;
import org.lpa4j.api.tensor.HostTensor;

/**
 * A PyTorch array kept between runs, attached to its store's manager: an upload, a row selection or a program's output.
 * It owns its array alone (PyTorch counts storage references, so a view of another array stays valid after that one closes).
 */
final class DjlResident extends AbstractResidentTensor {
    private final NDArray array;

    DjlResident(AbstractVariableStore store, NDArray array, DType dtype) {
        super(store, DjlArrays.shape(array), dtype);
        this.array = array;
    }

    /** The engine value, to feed a run. */
    NDArray array() {
        return array;
    }

    @Override
    protected HostTensor copyToHost() {
        return DjlArrays.toHost(array, dtype());
    }

    @Override
    protected void release() {
        array.close();
    }
}
