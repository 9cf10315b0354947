package org.lpa4j.architectures.nested;

import org.lpa4j.api.Lpa4jException;

/**
 * The N^(l d) cubes of side N^-l that tile [0,1]^d at level l, numbered by the combined cell code
 * {@code sum_i m_i N^(l (i-1))}, where {@code m_i = floor(N^l x_i)} is the base-N prefix of coordinate i.
 */
public final class CellGrid {
    /** The most cells a level may have: the host tables of E_l f must fit in memory. */
    public static final long MAX_CELLS = 1L << 24;

    private final int dim;
    private final int base;
    private final int level;
    private final int perSide;
    private final int cells;

    public CellGrid(int dim, int base, int level) {
        if (dim < 1 || base < 2 || level < 0) {
            throw new Lpa4jException("A cell grid needs d >= 1, N >= 2 and a level >= 0, not d=" + dim + ", N=" + base + ", level="
                    + level + ".");
        }
        double count = Math.pow(base, (double) level * dim);
        if (count > MAX_CELLS) {
            throw new Lpa4jException("Level " + level + " with d=" + dim + " and N=" + base + " has " + (long) count
                    + " cells, more than the " + MAX_CELLS + " the host tables allow; choose a smaller depth.");
        }
        this.dim = dim;
        this.base = base;
        this.level = level;
        this.perSide = (int) Math.round(Math.pow(base, level));
        this.cells = (int) Math.round(count);
    }

    public int dim() {
        return dim;
    }

    public int base() {
        return base;
    }

    public int level() {
        return level;
    }

    /** N^l, the cells along one side. */
    public int perSide() {
        return perSide;
    }

    /** N^(l d), the number of cells. */
    public int cells() {
        return cells;
    }

    /** The combined code of the cell holding {@code x} (a point on the upper face belongs to the last cell). */
    public int codeOf(double[] x) {
        int code = 0;
        int stride = 1;
        for (int i = 0; i < dim; i++) {
            int m = (int) Math.floor(x[i] * perSide);
            m = Math.min(Math.max(m, 0), perSide - 1);
            code += m * stride;
            stride *= perSide;
        }
        return code;
    }

    /** Coordinate i's prefix {@code m_i} of cell {@code code}. */
    public int prefix(int code, int i) {
        int c = code;
        for (int k = 0; k < i; k++) {
            c /= perSide;
        }
        return c % perSide;
    }

    /** The code of the level-(l-1) cell that contains cell {@code code}: every prefix loses its last digit. */
    public int parentCode(int code) {
        if (level == 0) {
            throw new Lpa4jException("Level 0 has a single cell and no parent.");
        }
        int parentSide = perSide / base;
        int parent = 0;
        int stride = 1;
        for (int i = 0; i < dim; i++) {
            parent += (prefix(code, i) / base) * stride;
            stride *= parentSide;
        }
        return parent;
    }
}
