package org.lpa4j.backend.nd4j;

import org.lpa4j.api.spi.AbstractResidentTensor;
import org.lpa4j.api.spi.AbstractVariableStore;
import org.lpa4j.api.tensor.HostTensor;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A native ND4J array kept between runs, dense and in C order, owned by this tensor alone: an upload, a row selection or
 * a copy of a program's output (a run's own arrays go back to its arena when the next run starts).
 */
final class Nd4jResident extends AbstractResidentTensor {
    private final INDArray array;

    Nd4jResident(AbstractVariableStore store, INDArray array) {
        super(store, Nd4jArrays.shape(array), Nd4jArrays.dtype(array.dataType()));
        this.array = array;
    }

    /** The engine value, to feed a run. */
    INDArray array() {
        return array;
    }

    @Override
    protected HostTensor copyToHost() {
        return Nd4jArrays.toHost(array);
    }

    @Override
    protected void release() {
        array.close();
    }
}
