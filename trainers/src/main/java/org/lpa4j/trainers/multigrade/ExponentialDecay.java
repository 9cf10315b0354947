package org.lpa4j.trainers.multigrade;

import org.lpa4j.api.Lpa4jException;

/**
 * A grade's learning rate, decayed exponentially per epoch from {@code max} at the first epoch to {@code min} at the
 * last: {@code lr(i) = max * (min / max)^(i / (epochs - 1))} for epochs {@code i = 0..epochs-1}, constant within an epoch.
 * This is the published MGDL schedule {@code t_max e^(-gamma i)}, {@code gamma = ln(t_max / t_min) / (epochs - 1)}.
 */
public record ExponentialDecay(double max, double min) {
    public ExponentialDecay {
        if (!(max > 0) || !Double.isFinite(max)) {
            throw new Lpa4jException("The maximum learning rate t_max must be a positive number but is " + max + ".");
        }
        if (!(min > 0) || !(min <= max)) {
            throw new Lpa4jException("The minimum learning rate t_min must be positive and at most t_max = " + max + " but is " + min + ".");
        }
    }

    /** A constant rate. */
    public static ExponentialDecay constant(double rate) {
        return new ExponentialDecay(rate, rate);
    }

    /** The rate of epoch {@code epoch} (0-based) of {@code epochs}. */
    public double at(int epoch, int epochs) {
        if (epochs <= 1) {
            return max;
        }
        double progress = Math.min(1.0, Math.max(0.0, (double) epoch / (epochs - 1)));
        return max * Math.pow(min / max, progress);
    }
}
