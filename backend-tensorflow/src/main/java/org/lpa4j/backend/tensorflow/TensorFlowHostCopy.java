package org.lpa4j.backend.tensorflow;

import org.lpa4j.api.Lpa4jException;
import org.lpa4j.api.tensor.DType;
import org.lpa4j.api.tensor.HostTensor;
import org.lpa4j.api.tensor.Shape;
import org.tensorflow.Tensor;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.proto.DataType;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TFloat64;
import org.tensorflow.types.TInt32;

/**
 * Copies values between {@link HostTensor}s and native TensorFlow tensors in one bulk copy each way (through
 * NdArray data buffers wrapping the Java array), never element by element.
 */
final class TensorFlowHostCopy {
    private TensorFlowHostCopy() {
    }

    /** The TensorFlow element type of {@code dtype}. */
    static DataType dataType(DType dtype) {
        return switch (dtype) {
            case FLOAT32 -> DataType.DT_FLOAT;
            case FLOAT64 -> DataType.DT_DOUBLE;
            case INT32 -> DataType.DT_INT32;
        };
    }

    /** The lpa4j element type of a TensorFlow type. */
    static DType dtype(DataType type) {
        return switch (type) {
            case DT_FLOAT -> DType.FLOAT32;
            case DT_DOUBLE -> DType.FLOAT64;
            case DT_INT32 -> DType.INT32;
            default -> throw new Lpa4jException("A TensorFlow program produced a " + type + " tensor; lpa4j programs may only return "
                    + "FLOAT32, FLOAT64 or INT32 values.");
        };
    }

    /** The TensorFlow shape of an lpa4j shape, {@link Shape#UNKNOWN} mapping to TensorFlow's unknown size. */
    static org.tensorflow.ndarray.Shape shape(Shape shape) {
        int[] dims = shape.dims();
        long[] out = new long[dims.length];
        for (int i = 0; i < dims.length; i++) {
            out[i] = dims[i] == Shape.UNKNOWN ? org.tensorflow.ndarray.Shape.UNKNOWN_SIZE : dims[i];
        }
        return org.tensorflow.ndarray.Shape.of(out);
    }

    /** The lpa4j shape of a native tensor. */
    static Shape shape(Tensor tensor) {
        return Shape.ofLongs(tensor.shape().asArray());
    }

    /** A new native tensor holding a copy of {@code value}; the caller closes it. */
    static Tensor toNative(HostTensor value) {
        org.tensorflow.ndarray.Shape shape = shape(value.shape());
        return switch (value.dtype()) {
            case FLOAT32 -> TFloat32.tensorOf(shape, DataBuffers.of(value.floatsUnsafe(), true, false));
            case FLOAT64 -> TFloat64.tensorOf(shape, DataBuffers.of(value.doublesUnsafe(), true, false));
            case INT32 -> TInt32.tensorOf(shape, DataBuffers.of(value.intsUnsafe(), true, false));
        };
    }

    /** A host copy of a native tensor; the caller still owns (and closes) {@code tensor}. */
    static HostTensor toHost(Tensor tensor) {
        long[] tfDims = tensor.shape().asArray();
        int[] dims = new int[tfDims.length];
        long size = 1;
        for (int i = 0; i < dims.length; i++) {
            dims[i] = Math.toIntExact(tfDims[i]);
            size *= tfDims[i];
        }
        if (size == 0) {
            throw new Lpa4jException("A TensorFlow program produced an empty tensor of shape " + tensor.shape()
                    + "; lpa4j tensors need every dimension positive (check the batch size).");
        }
        int n = Math.toIntExact(size);
        Shape shape = Shape.of(dims);
        DType dtype = dtype(tensor.dataType());
        switch (dtype) {
            case FLOAT32: {
                float[] data = new float[n];
                ((TFloat32) tensor).copyTo(DataBuffers.of(data, false, false));
                return HostTensor.ofFloats(shape, data);
            }
            case FLOAT64: {
                double[] data = new double[n];
                ((TFloat64) tensor).copyTo(DataBuffers.of(data, false, false));
                return HostTensor.ofDoubles(shape, data);
            }
            default: {
                int[] data = new int[n];
                ((TInt32) tensor).copyTo(DataBuffers.of(data, false, false));
                return HostTensor.ofInts(shape, data);
            }
        }
    }

    /** The single value of a rank-0 floating tensor. */
    static double scalar(Tensor tensor) {
        if (tensor instanceof TFloat32 f) {
            return f.getFloat();
        }
        if (tensor instanceof TFloat64 d) {
            return d.getDouble();
        }
        throw new Lpa4jException("Expected a floating scalar from TensorFlow but got " + tensor.dataType() + " " + tensor.shape() + ".");
    }
}
