package org.lpa4j.architectures.nested;

/** {@code |a|^p} with the common exponents 1 and 2 computed without {@link Math#pow}, which dominates the quadratures. */
final class Powers {
    private Powers() {
    }

    static double abs(double a, double p) {
        double v = Math.abs(a);
        if (p == 2) {
            return v * v;
        }
        return p == 1 ? v : Math.pow(v, p);
    }
}
