package org.lpa4j.api.tensor;

import java.util.Arrays;

/**
 * An immutable tensor shape. A dimension equal to {@link #UNKNOWN} (-1) is not known until run time; lpa4j
 * allows that only for the leading (batch) dimension of program inputs and of the tensors derived from them.
 */
public final class Shape {
    /** Marks a dimension whose size is known only when a program runs (the batch dimension). */
    public static final int UNKNOWN = -1;

    private static final Shape SCALAR = new Shape(new int[0]);

    private final int[] dims;

    private Shape(int[] dims) {
        this.dims = dims;
    }

    /** A shape with the given dimensions; each must be positive or {@link #UNKNOWN}. */
    public static Shape of(int... dims) {
        int[] copy = dims.clone();
        for (int i = 0; i < copy.length; i++) {
            if (copy[i] <= 0 && copy[i] != UNKNOWN) {
                throw new ShapeMismatchException("Shape " + Arrays.toString(copy) + " has dimension " + i + " equal to "
                        + copy[i] + "; every dimension must be positive, or -1 for the run-time batch dimension.");
            }
        }
        return new Shape(copy);
    }

    /** A shape from an engine's {@code long} dimensions, as {@link #of(int...)} checks them (each must also fit an int). */
    public static Shape ofLongs(long... dims) {
        int[] out = new int[dims.length];
        for (int i = 0; i < dims.length; i++) {
            out[i] = Math.toIntExact(dims[i]);
        }
        return of(out);
    }

    /** The shape of a scalar (rank 0). */
    public static Shape scalar() {
        return SCALAR;
    }

    public int rank() {
        return dims.length;
    }

    /** The size of dimension {@code axis}; a negative axis counts from the end. */
    public int dim(int axis) {
        return dims[normalizeAxis(axis)];
    }

    /** A copy of the dimensions. */
    public int[] dims() {
        return dims.clone();
    }

    /** Whether every dimension is known. */
    public boolean isFullyKnown() {
        for (int d : dims) {
            if (d == UNKNOWN) {
                return false;
            }
        }
        return true;
    }

    /** The number of elements, or {@link #UNKNOWN} when a dimension is unknown. */
    public long size() {
        long n = 1;
        for (int d : dims) {
            if (d == UNKNOWN) {
                return UNKNOWN;
            }
            n *= d;
        }
        return n;
    }

    /** Maps a possibly negative axis into {@code [0, rank)} or throws naming the shape. */
    public int normalizeAxis(int axis) {
        int a = axis < 0 ? axis + dims.length : axis;
        if (a < 0 || a >= dims.length) {
            throw new ShapeMismatchException("Axis " + axis + " is out of range for shape " + this + " of rank " + dims.length + ".");
        }
        return a;
    }

    /** This shape with dimension {@code axis} replaced. */
    public Shape withDim(int axis, int size) {
        int[] copy = dims.clone();
        copy[normalizeAxis(axis)] = size;
        return of(copy);
    }

    /** Whether the two shapes are equal, treating {@link #UNKNOWN} as matching any size. */
    public boolean isCompatibleWith(Shape other) {
        if (other.rank() != rank()) {
            return false;
        }
        for (int i = 0; i < dims.length; i++) {
            if (dims[i] != UNKNOWN && other.dims[i] != UNKNOWN && dims[i] != other.dims[i]) {
                return false;
            }
        }
        return true;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Shape s && Arrays.equals(dims, s.dims);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(dims);
    }

    /** Renders as {@code [?, 3, 4]}, with {@code ?} for unknown dimensions. */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("[");
        for (int i = 0; i < dims.length; i++) {
            if (i > 0) {
                sb.append(", ");
            }
            sb.append(dims[i] == UNKNOWN ? "?" : Integer.toString(dims[i]));
        }
        return sb.append(']').toString();
    }
}
