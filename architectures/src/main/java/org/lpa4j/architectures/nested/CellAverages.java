package org.lpa4j.architectures.nested;

/**
 * The multilevel approximation {@code E_l f}: on each of the N^(l d) cubes of side N^-l, the average of f, computed on
 * the host with a midpoint rule of {@code s^d} points per cube. It is what level l of the network decodes, and the
 * certified fallback where the network's float64 decoder runs out.
 */
public final class CellAverages {
    /** Midpoint points per cube side used for the averages. */
    public static final int POINTS_PER_SIDE = 8;

    private final CellGrid grid;
    private final double[] values;

    private CellAverages(CellGrid grid, double[] values) {
        this.grid = grid;
        this.values = values;
    }

    /** The averages of {@code f} over every cell of {@code grid}. */
    public static CellAverages of(TargetFunction f, CellGrid grid) {
        int d = grid.dim();
        int s = POINTS_PER_SIDE;
        int sub = (int) Math.round(Math.pow(s, d));
        double h = 1.0 / grid.perSide();
        double[] values = new double[grid.cells()];
        double[] x = new double[d];
        for (int code = 0; code < grid.cells(); code++) {
            double sum = 0;
            for (int j = 0; j < sub; j++) {
                int rest = j;
                for (int i = 0; i < d; i++) {
                    x[i] = (grid.prefix(code, i) + ((rest % s) + 0.5) / s) * h;
                    rest /= s;
                }
                sum += f.value(x);
            }
            values[code] = sum / sub;
        }
        return new CellAverages(grid, values);
    }

    public CellGrid grid() {
        return grid;
    }

    /** The average on cell {@code code}. */
    public double value(int code) {
        return values[code];
    }

    /** The value of {@code E_l f} at {@code x}. */
    public double at(double[] x) {
        return values[grid.codeOf(x)];
    }

    /** {@code ||f - E_l f||_p}, by the midpoint rule on {@code points}. */
    public double lpError(TargetFunction f, MidpointGrid points, double p) {
        double[] x = new double[points.dim()];
        double sum = 0;
        for (int j = 0; j < points.size(); j++) {
            points.point(j, x);
            sum += Powers.abs(f.value(x) - at(x), p);
        }
        return Math.pow(sum / points.size(), 1.0 / p);
    }
}
