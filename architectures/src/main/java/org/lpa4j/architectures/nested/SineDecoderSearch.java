package org.lpa4j.architectures.nested;

import java.util.Optional;

/**
 * Finds the second sine channel's frequency for one level: given the first channel's values {@code z_c} (distinct,
 * one per cell) and the target increments {@code T_c}, it scans {@code omega = k * step} and, for each, fits
 * {@code a sin(omega z) + b cos(omega z) + e} to T by least squares; it stops at the first omega whose L^p residual
 * (equal cell volumes) meets the tolerance. Such an omega exists because the z_c are rationally independent
 * (Kronecker), but it grows like (range / tolerance)^cells, which is why the decoder runs out as cells grow.
 */
public final class SineDecoderSearch {
    /** The largest phase advance of any cell per step, in radians. */
    static final double PHASE_STEP = 0.1;
    /** Renormalise the rotated unit vectors this often, so rounding does not accumulate. */
    private static final int RENORMALISE_EVERY = 4096;

    private final double p;
    private final long maxSteps;

    public SineDecoderSearch(double p, long maxSteps) {
        this.p = p;
        this.maxSteps = maxSteps;
    }

    /** The decoder for {@code level}, or empty when no frequency up to {@code maxSteps * step} meets {@code tolerance}. */
    public Optional<LevelDecoder> fit(int level, double[] z, double[] target, double tolerance) {
        int n = z.length;
        double zmax = 1e-300;
        for (double v : z) {
            zmax = Math.max(zmax, Math.abs(v));
        }
        double step = PHASE_STEP / zmax;
        double[] sin = new double[n];
        double[] cos = new double[n];
        double[] rotSin = new double[n];
        double[] rotCos = new double[n];
        for (int c = 0; c < n; c++) {
            sin[c] = Math.sin(step * z[c]);
            cos[c] = Math.cos(step * z[c]);
            rotSin[c] = sin[c];
            rotCos[c] = cos[c];
        }
        double tt = 0;
        for (double t : target) {
            tt += t * t;
        }
        double l2Gate = tolerance * Math.sqrt(n);
        for (long k = 1; k <= maxSteps; k++) {
            double l2sq = (tt - leastSquares(sin, cos, target)[EXPLAINED]) / n;
            if (l2sq <= l2Gate * l2Gate) {
                double omega = k * step;
                LevelDecoder exact = exactDecoder(level, z, target, omega, tolerance, k);
                if (exact.residual() <= tolerance) {
                    return Optional.of(exact);
                }
            }
            for (int c = 0; c < n; c++) {
                double s = sin[c] * rotCos[c] + cos[c] * rotSin[c];
                double co = cos[c] * rotCos[c] - sin[c] * rotSin[c];
                sin[c] = s;
                cos[c] = co;
            }
            if (k % RENORMALISE_EVERY == 0) {
                double omega = (k + 1) * step;
                for (int c = 0; c < n; c++) {
                    sin[c] = Math.sin(omega * z[c]);
                    cos[c] = Math.cos(omega * z[c]);
                }
            }
        }
        return Optional.empty();
    }

    /** Re-fits at {@code omega} with exact sines and measures the L^p residual of the decoder as the network computes it. */
    private LevelDecoder exactDecoder(int level, double[] z, double[] target, double omega, double tolerance, long steps) {
        int n = z.length;
        double[] sin = new double[n];
        double[] cos = new double[n];
        for (int c = 0; c < n; c++) {
            sin[c] = Math.sin(omega * z[c]);
            cos[c] = Math.cos(omega * z[c]);
        }
        double[] coef = leastSquares(sin, cos, target);
        double amplitude = Math.hypot(coef[0], coef[1]);
        double phase = Math.atan2(coef[1], coef[0]);
        LevelDecoder d = new LevelDecoder(level, n, omega, amplitude, phase, coef[2], 0, tolerance, steps);
        double sum = 0;
        for (int c = 0; c < n; c++) {
            sum += Powers.abs(d.decode(z[c]) - target[c], p);
        }
        double residual = Math.pow(sum / n, 1.0 / p);
        return new LevelDecoder(level, n, omega, amplitude, phase, coef[2], residual, tolerance, steps);
    }

    /** Index in {@link #leastSquares}'s answer of {@code a st + b ct + e t1}, the part of {@code sum t^2} the fit explains. */
    private static final int EXPLAINED = 3;

    /** The least-squares {@code (a, b, e)} of {@code a sin + b cos + e} against {@code target}, then the explained sum of squares. */
    private static double[] leastSquares(double[] sin, double[] cos, double[] target) {
        int n = target.length;
        double ss = 0, sc = 0, s1 = 0, cc = 0, c1 = 0, st = 0, ct = 0, t1 = 0;
        for (int c = 0; c < n; c++) {
            double s = sin[c];
            double co = cos[c];
            double t = target[c];
            ss += s * s;
            sc += s * co;
            s1 += s;
            cc += co * co;
            c1 += co;
            st += s * t;
            ct += co * t;
            t1 += t;
        }
        double[] coef = solve3(ss, sc, s1, cc, c1, n, st, ct, t1);
        return new double[] {coef[0], coef[1], coef[2], coef[0] * st + coef[1] * ct + coef[2] * t1};
    }

    /** Solves the symmetric 3x3 normal equations with a tiny ridge, so fewer than three cells still give a solution. */
    static double[] solve3(double ss, double sc, double s1, double cc, double c1, double nn, double st, double ct, double t1) {
        double ridge = 1e-12 * (ss + cc + nn);
        double a11 = ss + ridge, a12 = sc, a13 = s1, a22 = cc + ridge, a23 = c1, a33 = nn + ridge;
        double det = a11 * (a22 * a33 - a23 * a23) - a12 * (a12 * a33 - a23 * a13) + a13 * (a12 * a23 - a22 * a13);
        double x1 = (st * (a22 * a33 - a23 * a23) - a12 * (ct * a33 - a23 * t1) + a13 * (ct * a23 - a22 * t1)) / det;
        double x2 = (a11 * (ct * a33 - a23 * t1) - st * (a12 * a33 - a23 * a13) + a13 * (a12 * t1 - ct * a13)) / det;
        double x3 = (a11 * (a22 * t1 - ct * a23) - a12 * (a12 * t1 - ct * a13) + st * (a12 * a23 - a22 * a13)) / det;
        return new double[] {x1, x2, x3};
    }
}
