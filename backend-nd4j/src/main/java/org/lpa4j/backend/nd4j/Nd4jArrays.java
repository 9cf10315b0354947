package org.lpa4j.backend.nd4j;

import org.lpa4j.api.tensor.DType;
import org.lpa4j.api.tensor.HostTensor;
import org.lpa4j.api.tensor.Shape;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** Conversions between lpa4j's host tensors and element types and ND4J's {@link INDArray} and {@link DataType}. */
final class Nd4jArrays {
    private Nd4jArrays() {
    }

    /** The ND4J type of an lpa4j element type. */
    static DataType dataType(DType dtype) {
        switch (dtype) {
            case FLOAT32:
                return DataType.FLOAT;
            case FLOAT64:
                return DataType.DOUBLE;
            case INT32:
                return DataType.INT;
            default:
                throw new IllegalStateException("Unhandled element type " + dtype);
        }
    }

    /** The lpa4j element type of an ND4J type that lpa4j supports. */
    static DType dtype(DataType type) {
        switch (type) {
            case FLOAT:
                return DType.FLOAT32;
            case DOUBLE:
                return DType.FLOAT64;
            case INT:
                return DType.INT32;
            default:
                throw new IllegalStateException("ND4J produced an array of type " + type + ", which lpa4j does not support; "
                        + "only FLOAT, DOUBLE and INT arrays can leave the nd4j backend.");
        }
    }

    /** The dimensions as ND4J's {@code long[]}. */
    static long[] longs(int[] dims) {
        long[] out = new long[dims.length];
        for (int i = 0; i < dims.length; i++) {
            out[i] = dims[i];
        }
        return out;
    }

    /** A new native array holding a copy of {@code value}, C order. */
    static INDArray toArray(HostTensor value) {
        long[] shape = longs(value.shape().dims());
        switch (value.dtype()) {
            case FLOAT32:
                return Nd4j.create(Nd4j.createBuffer(value.floatsUnsafe()), shape, Nd4j.getStrides(shape, 'c'), 0, 'c',
                        DataType.FLOAT);
            case FLOAT64:
                return Nd4j.create(Nd4j.createBuffer(value.doublesUnsafe()), shape, Nd4j.getStrides(shape, 'c'), 0, 'c',
                        DataType.DOUBLE);
            case INT32:
                return Nd4j.create(Nd4j.createBuffer(value.intsUnsafe()), shape, Nd4j.getStrides(shape, 'c'), 0, 'c',
                        DataType.INT);
            default:
                throw new IllegalStateException("Unhandled element type " + value.dtype());
        }
    }

    /** A host copy of {@code array}, with the element type given by the array. */
    static HostTensor toHost(INDArray array) {
        INDArray dense = array;
        if (array.isView() || array.ordering() != 'c' || array.data().length() != array.length()) {
            dense = array.dup('c');
        }
        long[] s = dense.shape();
        int[] dims = new int[s.length];
        for (int i = 0; i < s.length; i++) {
            dims[i] = Math.toIntExact(s[i]);
        }
        Shape shape = Shape.of(dims);
        switch (dense.dataType()) {
            case FLOAT:
                return HostTensor.ofFloats(shape, dense.data().asFloat());
            case DOUBLE:
                return HostTensor.ofDoubles(shape, dense.data().asDouble());
            case INT:
                return HostTensor.ofInts(shape, dense.data().asInt());
            default:
                throw new IllegalStateException("ND4J produced an array of type " + dense.dataType() + ", which lpa4j does not "
                        + "support; only FLOAT, DOUBLE and INT arrays can leave the nd4j backend.");
        }
    }
}
