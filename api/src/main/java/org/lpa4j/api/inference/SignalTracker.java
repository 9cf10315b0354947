package org.lpa4j.api.inference;

/**
 * Follows one row through the depths and turns each readout into {@link DepthSignals}; the only place where the
 * signals are computed, so the batched run and the host-side simulation of a policy decide alike.
 */
final class SignalTracker {
    private double[] previous;
    private int previousTop = -1;
    private int streak;

    /** The signals of this row's readout {@code row[from, from + width)} at the next depth. */
    DepthSignals next(double[] row, int from, int width) {
        double max = Double.NEGATIVE_INFINITY;
        int top = 0;
        for (int c = 0; c < width; c++) {
            if (row[from + c] > max) {
                max = row[from + c];
                top = c;
            }
        }
        double z = 0;
        double diff = 0;
        double norm = 0;
        for (int c = 0; c < width; c++) {
            double v = row[from + c];
            z += Math.exp(v - max);
            norm += v * v;
            if (previous != null) {
                double d = v - previous[c];
                diff += d * d;
            }
        }
        double correction = previous == null ? Double.POSITIVE_INFINITY : Math.sqrt(diff) / Math.max(Math.sqrt(norm), Double.MIN_NORMAL);
        streak = top == previousTop ? streak + 1 : 1;
        previousTop = top;
        if (previous == null) {
            previous = new double[width];
        }
        System.arraycopy(row, from, previous, 0, width);
        return new DepthSignals(1 / z, streak, correction);
    }
}
