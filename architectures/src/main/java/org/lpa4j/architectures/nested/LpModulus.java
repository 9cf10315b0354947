package org.lpa4j.architectures.nested;

import org.lpa4j.api.Lpa4jException;

/**
 * A numerical estimate of the L^p modulus of continuity {@code w_{f,p}(delta) = sup_{|h| <= delta} ||f(. + h) - f||_p}
 * on [0,1]^d (the integral runs over the x with x and x + h in the cube), made so that it does not understate w:
 * <ul>
 *   <li>each axis direction e_i is searched over the shifts {@code s = +-delta k / SHIFTS}, k = 1..SHIFTS, with the
 *       integral by a midpoint rule much finer than delta;</li>
 *   <li>for d >= 2 the axis moduli are summed: any h with |h| <= delta splits into its coordinate steps, each
 *       intermediate point stays in the cube, so ||f(. + h) - f||_p <= sum_i w_i(delta), an upper bound for every
 *       direction, not only the sampled ones.</li>
 * </ul>
 * The remaining approximation is the quadrature (fine along the shift, coarser across it) and the finite set of
 * shift lengths; the raw value is multiplied by {@link #SAFETY} for both, and tests compare the estimate with closed forms.
 */
public final class LpModulus {
    /** Shift lengths searched per direction and sign. */
    public static final int SHIFTS = 12;
    /** The factor on the raw estimate that covers the quadrature error and the finite set of shifts. */
    public static final double SAFETY = 1.05;

    private final TargetFunction f;
    private final int dim;
    private final double p;
    private final int along;
    private final int across;

    /**
     * @param along  midpoint points along the shifted axis
     * @param across midpoint points along each other axis
     */
    public LpModulus(TargetFunction f, int dim, double p, int along, int across) {
        if (!(p >= 1) || Double.isInfinite(p)) {
            throw new Lpa4jException("The L^p modulus needs 1 <= p < infinity, not p=" + p + ".");
        }
        this.f = f;
        this.dim = dim;
        this.p = p;
        this.along = along;
        this.across = across;
    }

    /** The resolution used by the construction: 2^15 points along the shift for d = 1; 2^11 along and 32^(1/(d-1)) across for d >= 2. */
    public static LpModulus standard(TargetFunction f, int dim, double p) {
        int along = dim == 1 ? 1 << 15 : 1 << 11;
        int across = dim == 1 ? 1 : (int) Math.max(4, Math.round(Math.pow(32, 1.0 / (dim - 1))));
        return new LpModulus(f, dim, p, along, across);
    }

    /** The estimate of {@code w_{f,p}(delta)}. */
    public double estimate(double delta) {
        double total = 0;
        for (int axis = 0; axis < dim; axis++) {
            double best = 0;
            for (int k = 1; k <= SHIFTS; k++) {
                double s = delta * k / SHIFTS;
                best = Math.max(best, shifted(axis, s));
                best = Math.max(best, shifted(axis, -s));
            }
            total += best;
        }
        return SAFETY * total;
    }

    /** {@code ||f(. + s e_axis) - f||_p} over the x with both points in the cube. */
    private double shifted(int axis, double s) {
        if (Math.abs(s) >= 1) {
            return 0;
        }
        double lo = s < 0 ? -s : 0;
        double width = 1 - Math.abs(s);
        long others = Math.round(Math.pow(across, dim - 1));
        double[] x = new double[dim];
        double[] y = new double[dim];
        double sum = 0;
        for (long j = 0; j < others; j++) {
            long rest = j;
            for (int i = 0; i < dim; i++) {
                if (i != axis) {
                    x[i] = ((rest % across) + 0.5) / across;
                    rest /= across;
                }
            }
            for (int k = 0; k < along; k++) {
                x[axis] = lo + (k + 0.5) / along * width;
                System.arraycopy(x, 0, y, 0, dim);
                y[axis] += s;
                sum += Powers.abs(f.value(y) - f.value(x), p);
            }
        }
        return Math.pow(sum * width / ((double) along * others), 1.0 / p);
    }
}
