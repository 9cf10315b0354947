package org.lpa4j.architectures.nested;

import org.lpa4j.api.Lpa4jException;

/**
 * The tensor-product midpoint rule on [0,1]^d with {@code n} points per side: point j has coordinates
 * {@code (j_i + 1/2) / n}, each of weight {@code n^-d}. With n a multiple of N^l no point lies on a level-l cell boundary.
 */
public final class MidpointGrid {
    /** The most points one grid may have. */
    public static final long MAX_POINTS = 1L << 24;

    private final int dim;
    private final int perSide;
    private final int size;

    public MidpointGrid(int dim, int perSide) {
        double count = Math.pow(perSide, dim);
        if (dim < 1 || perSide < 1 || count > MAX_POINTS) {
            throw new Lpa4jException("A midpoint grid needs d >= 1 and 1 <= n with n^d <= " + MAX_POINTS + ", not d=" + dim + ", n="
                    + perSide + ".");
        }
        this.dim = dim;
        this.perSide = perSide;
        this.size = (int) Math.round(count);
    }

    /** The smallest multiple of {@code N^level} that is at least {@code minimum}, within the point limit if possible. */
    public static MidpointGrid aligned(int dim, int base, int level, int minimum) {
        int side = (int) Math.round(Math.pow(base, level));
        int n = side * Math.max(1, (int) Math.ceil((double) minimum / side));
        return new MidpointGrid(dim, n);
    }

    public int dim() {
        return dim;
    }

    public int perSide() {
        return perSide;
    }

    /** The number of points, {@code n^d}. */
    public int size() {
        return size;
    }

    /** Writes point {@code index} into {@code x}. */
    public void point(int index, double[] x) {
        int rest = index;
        for (int i = 0; i < dim; i++) {
            x[i] = ((rest % perSide) + 0.5) / perSide;
            rest /= perSide;
        }
    }

    /** All points as one row-major array {@code [size, d]}, the layout of a backend input. */
    public double[] rows() {
        double[] out = new double[size * dim];
        double[] x = new double[dim];
        for (int j = 0; j < size; j++) {
            point(j, x);
            System.arraycopy(x, 0, out, j * dim, dim);
        }
        return out;
    }
}
