package org.lpa4j.api.tensor;

import java.util.Arrays;
import java.util.Objects;

/**
 * An immutable tensor held in Java memory, in row-major (C) order: the way values enter and leave a
 * backend. FLOAT32 is stored as {@code float[]}, FLOAT64 as {@code double[]}, INT32 as {@code int[]}.
 */
public final class HostTensor {
    private final DType dtype;
    private final Shape shape;
    private final float[] floats;
    private final double[] doubles;
    private final int[] ints;

    private HostTensor(DType dtype, Shape shape, float[] floats, double[] doubles, int[] ints) {
        this.dtype = dtype;
        this.shape = shape;
        this.floats = floats;
        this.doubles = doubles;
        this.ints = ints;
    }

    /** A FLOAT32 tensor that takes ownership of {@code data} (row-major). */
    public static HostTensor ofFloats(Shape shape, float... data) {
        checkLength(shape, data.length);
        return new HostTensor(DType.FLOAT32, shape, data, null, null);
    }

    /** A FLOAT64 tensor that takes ownership of {@code data} (row-major). */
    public static HostTensor ofDoubles(Shape shape, double... data) {
        checkLength(shape, data.length);
        return new HostTensor(DType.FLOAT64, shape, null, data, null);
    }

    /** An INT32 tensor that takes ownership of {@code data} (row-major). */
    public static HostTensor ofInts(Shape shape, int... data) {
        checkLength(shape, data.length);
        return new HostTensor(DType.INT32, shape, null, null, data);
    }

    /** A tensor of the given type filled from doubles (rounded for FLOAT32, truncated toward zero for INT32). */
    public static HostTensor fromDoubles(DType dtype, Shape shape, double[] data) {
        checkLength(shape, data.length);
        switch (dtype) {
            case FLOAT64:
                return ofDoubles(shape, data.clone());
            case FLOAT32: {
                float[] f = new float[data.length];
                for (int i = 0; i < f.length; i++) {
                    f[i] = (float) data[i];
                }
                return ofFloats(shape, f);
            }
            case INT32: {
                int[] v = new int[data.length];
                for (int i = 0; i < v.length; i++) {
                    v[i] = (int) data[i];
                }
                return ofInts(shape, v);
            }
            default:
                throw new IllegalStateException("Unhandled dtype " + dtype);
        }
    }

    /** A tensor of zeros. */
    public static HostTensor zeros(DType dtype, Shape shape) {
        return fromDoubles(dtype, shape, new double[(int) requireKnown(shape)]);
    }

    /** A rank-0 tensor holding one value. */
    public static HostTensor scalar(DType dtype, double value) {
        return fromDoubles(dtype, Shape.scalar(), new double[] {value});
    }

    private static long requireKnown(Shape shape) {
        Objects.requireNonNull(shape, "shape is null");
        if (!shape.isFullyKnown()) {
            throw new ShapeMismatchException("A host tensor needs a fully known shape, but got " + shape
                    + "; replace the unknown batch dimension by the actual batch size.");
        }
        return shape.size();
    }

    private static void checkLength(Shape shape, int length) {
        long expected = requireKnown(shape);
        if (expected != length) {
            throw new ShapeMismatchException("A host tensor of shape " + shape + " needs " + expected
                    + " values, but " + length + " were given.");
        }
    }

    public DType dtype() {
        return dtype;
    }

    public Shape shape() {
        return shape;
    }

    /** The number of elements. */
    public int size() {
        return (int) shape.size();
    }

    /** The element at a flat row-major index, as a double. */
    public double getDouble(int flatIndex) {
        switch (dtype) {
            case FLOAT32:
                return floats[flatIndex];
            case FLOAT64:
                return doubles[flatIndex];
            default:
                return ints[flatIndex];
        }
    }

    /** The element at the given multi-index, as a double. */
    public double get(int... index) {
        return getDouble(flatIndex(index));
    }

    /** The single value of a tensor with one element. */
    public double scalarValue() {
        if (size() != 1) {
            throw new ShapeMismatchException("scalarValue() needs a tensor with one element, but the shape is " + shape + ".");
        }
        return getDouble(0);
    }

    /** The row-major flat index of a multi-index. */
    public int flatIndex(int... index) {
        if (index.length != shape.rank()) {
            throw new ShapeMismatchException("Index " + Arrays.toString(index) + " has " + index.length
                    + " coordinates but the tensor has shape " + shape + ".");
        }
        int flat = 0;
        for (int i = 0; i < index.length; i++) {
            int d = shape.dim(i);
            if (index[i] < 0 || index[i] >= d) {
                throw new ShapeMismatchException("Index " + Arrays.toString(index) + " is outside shape " + shape + ".");
            }
            flat = flat * d + index[i];
        }
        return flat;
    }

    /** A copy of the values as doubles. */
    public double[] toDoubleArray() {
        double[] out = new double[size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = getDouble(i);
        }
        return out;
    }

    /** A copy of the values as floats. */
    public float[] toFloatArray() {
        if (floats != null) {
            return floats.clone();
        }
        float[] out = new float[size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = (float) getDouble(i);
        }
        return out;
    }

    /** A copy of the values as ints (floating values truncated toward zero). */
    public int[] toIntArray() {
        if (ints != null) {
            return ints.clone();
        }
        int[] out = new int[size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = (int) getDouble(i);
        }
        return out;
    }

    /**
     * Direct read-only access for backends copying into native memory without an extra copy: the backing
     * array of a FLOAT32 tensor. Callers must not modify it.
     */
    public float[] floatsUnsafe() {
        if (floats == null) {
            throw new IllegalStateException("floatsUnsafe() on a " + dtype + " tensor; check dtype() first.");
        }
        return floats;
    }

    /** Direct read-only access to the backing array of a FLOAT64 tensor. Callers must not modify it. */
    public double[] doublesUnsafe() {
        if (doubles == null) {
            throw new IllegalStateException("doublesUnsafe() on a " + dtype + " tensor; check dtype() first.");
        }
        return doubles;
    }

    /** Direct read-only access to the backing array of an INT32 tensor. Callers must not modify it. */
    public int[] intsUnsafe() {
        if (ints == null) {
            throw new IllegalStateException("intsUnsafe() on a " + dtype + " tensor; check dtype() first.");
        }
        return ints;
    }

    /** This tensor converted to another element type. */
    public HostTensor cast(DType target) {
        if (target == dtype) {
            return this;
        }
        return fromDoubles(target, shape, toDoubleArray());
    }

    /** The same values under another shape with the same number of elements. */
    public HostTensor reshape(Shape newShape) {
        checkLength(newShape, size());
        return new HostTensor(dtype, newShape, floats, doubles, ints);
    }

    /** The flat index of the first NaN or infinite value, or -1 when all values are finite. */
    public int firstNonFiniteIndex() {
        if (ints != null) {
            return -1;
        }
        for (int i = 0; i < size(); i++) {
            if (!Double.isFinite(getDouble(i))) {
                return i;
            }
        }
        return -1;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof HostTensor h && h.dtype == dtype && h.shape.equals(shape)
                && Arrays.equals(h.floats, floats) && Arrays.equals(h.doubles, doubles) && Arrays.equals(h.ints, ints);
    }

    @Override
    public int hashCode() {
        return Objects.hash(dtype, shape, Arrays.hashCode(floats), Arrays.hashCode(doubles), Arrays.hashCode(ints));
    }

    @Override
    public String toString() {
        int n = Math.min(size(), 8);
        StringBuilder sb = new StringBuilder("HostTensor(").append(dtype).append(' ').append(shape).append(": ");
        for (int i = 0; i < n; i++) {
            sb.append(i > 0 ? ", " : "").append(getDouble(i));
        }
        return sb.append(size() > n ? ", ...)" : ")").toString();
    }
}
