package org.lpa4j.backend.nd4j;

import org.lpa4j.api.tensor.DType;
import org.lpa4j.api.tensor.HostTensor;
import org.lpa4j.api.tensor.Shape;
import org.nd4j.linalg.api.buffer.DataBuffer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** Conversions between lpa4j's host tensors and element types and ND4J's {@link INDArray} and {@link DataType}. */
final class Nd4jArrays {
    private Nd4jArrays() {
    }

    /** The ND4J type of an lpa4j element type. */
    static DataType dataType(DType dtype) {
        return switch (dtype) {
            case FLOAT32 -> DataType.FLOAT;
            case FLOAT64 -> DataType.DOUBLE;
            case INT32 -> DataType.INT;
        };
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
        DataBuffer buffer = switch (value.dtype()) {
            case FLOAT32 -> Nd4j.createBuffer(value.floatsUnsafe());
            case FLOAT64 -> Nd4j.createBuffer(value.doublesUnsafe());
            case INT32 -> Nd4j.createBuffer(value.intsUnsafe());
        };
        return Nd4j.create(buffer, shape, Nd4j.getStrides(shape, 'c'), 0, 'c', dataType(value.dtype()));
    }

    /** A host copy of {@code array}, with the element type given by the array. */
    static HostTensor toHost(INDArray array) {
        INDArray dense = array;
        if (array.isView() || array.ordering() != 'c' || array.data().length() != array.length()) {
            dense = array.dup('c');
        }
        Shape shape = shape(dense);
        return switch (dtype(dense.dataType())) {
            case FLOAT32 -> HostTensor.ofFloats(shape, dense.data().asFloat());
            case FLOAT64 -> HostTensor.ofDoubles(shape, dense.data().asDouble());
            case INT32 -> HostTensor.ofInts(shape, dense.data().asInt());
        };
    }

    /** The shape of {@code array}. */
    static Shape shape(INDArray array) {
        return Shape.ofLongs(array.shape());
    }

    /** The lpa4j element type of an ND4J type, or the sentence saying that lpa4j does not support it. */
    static DType dtype(DataType type) {
        return switch (type) {
            case FLOAT -> DType.FLOAT32;
            case DOUBLE -> DType.FLOAT64;
            case INT -> DType.INT32;
            default -> throw new IllegalStateException("ND4J produced an array of type " + type + ", which lpa4j does not "
                    + "support; only FLOAT, DOUBLE and INT arrays can leave the nd4j backend.");
        };
    }
}
