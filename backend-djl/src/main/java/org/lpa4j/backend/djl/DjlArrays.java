package org.lpa4j.backend.djl;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.DoubleBuffer;
import java.nio.FloatBuffer;
import java.nio.IntBuffer;
import org.lpa4j.api.tensor.DType;
import org.lpa4j.api.tensor.HostTensor;
import org.lpa4j.api.tensor.Shape;

/** Conversions between host tensors and DJL arrays, and between the neutral and DJL element types and shapes. */
final class DjlArrays {
    private DjlArrays() {
    }

    static DataType dataType(DType dtype) {
        return switch (dtype) {
            case FLOAT32 -> DataType.FLOAT32;
            case FLOAT64 -> DataType.FLOAT64;
            case INT32 -> DataType.INT32;
        };
    }

    static ai.djl.ndarray.types.Shape shape(Shape shape) {
        int[] dims = shape.dims();
        long[] out = new long[dims.length];
        for (int i = 0; i < dims.length; i++) {
            out[i] = dims[i];
        }
        return new ai.djl.ndarray.types.Shape(out);
    }

    /** The shape of {@code array}. */
    static Shape shape(NDArray array) {
        return Shape.ofLongs(array.getShape().getShape());
    }

    /** A new array in {@code manager} holding a copy of {@code value}. */
    static NDArray toArray(NDManager manager, HostTensor value) {
        ai.djl.ndarray.types.Shape shape = shape(value.shape());
        return switch (value.dtype()) {
            case FLOAT32 -> manager.create(FloatBuffer.wrap(value.floatsUnsafe()), shape, DataType.FLOAT32);
            case FLOAT64 -> manager.create(DoubleBuffer.wrap(value.doublesUnsafe()), shape, DataType.FLOAT64);
            case INT32 -> manager.create(IntBuffer.wrap(value.intsUnsafe()), shape, DataType.INT32);
        };
    }

    /**
     * A new array in {@code manager} over a copy of {@code value} held in {@code staging[slot]}, a direct buffer that
     * is reused from run to run (grown when needed). PyTorch wraps a direct buffer without copying it, so the array must
     * be closed before the slot is reused: programs close every array of a run when the run ends. This spares a fresh
     * direct buffer per input per step, whose memory would only come back when the garbage collector runs.
     */
    static NDArray toArray(NDManager manager, HostTensor value, ByteBuffer[] staging, int slot) {
        int bytes = value.size() * value.dtype().byteSize();
        ByteBuffer buffer = staging[slot];
        if (buffer == null || buffer.capacity() < bytes) {
            buffer = ByteBuffer.allocateDirect(Math.max(bytes, 8)).order(ByteOrder.nativeOrder());
            staging[slot] = buffer;
        }
        buffer.clear();
        switch (value.dtype()) {
            case FLOAT32 -> buffer.asFloatBuffer().put(value.floatsUnsafe());
            case FLOAT64 -> buffer.asDoubleBuffer().put(value.doublesUnsafe());
            case INT32 -> buffer.asIntBuffer().put(value.intsUnsafe());
        }
        buffer.limit(bytes);
        return manager.create(buffer, shape(value.shape()), dataType(value.dtype()));
    }

    /** A host copy of {@code array}, whose element type must be {@code dtype}. */
    static HostTensor toHost(NDArray array, DType dtype) {
        Shape shape = shape(array);
        return switch (dtype) {
            case FLOAT32 -> HostTensor.ofFloats(shape, array.toFloatArray());
            case FLOAT64 -> HostTensor.ofDoubles(shape, array.toDoubleArray());
            case INT32 -> HostTensor.ofInts(shape, array.toIntArray());
        };
    }

    /**
     * A rank-0 array holding {@code c} with the element type of {@code like}, in its manager. DJL's {@code mul(Number)}
     * and friends create a rank-1 double array instead, which promotes FLOAT32 to FLOAT64 and turns rank-0 results into
     * rank-1 ones.
     */
    static NDArray scalarLike(NDArray like, double c) {
        NDManager manager = like.getManager();
        ai.djl.ndarray.types.Shape scalar = new ai.djl.ndarray.types.Shape();
        switch (like.getDataType()) {
            case FLOAT64:
                return manager.create(new double[] {c}, scalar);
            case FLOAT32:
                return manager.create(new float[] {(float) c}, scalar);
            case INT32:
                return manager.create(new int[] {(int) c}, scalar);
            default:
                throw new IllegalStateException("Unhandled DJL element type " + like.getDataType());
        }
    }

    /** The single value of a one-element floating array, as a double. */
    static double scalar(NDArray array, DType dtype) {
        return dtype == DType.FLOAT64 ? array.toDoubleArray()[0] : array.toFloatArray()[0];
    }
}
