package org.lpa4j.api.inference;

import java.math.BigDecimal;
import java.math.MathContext;
import org.lpa4j.api.InvalidSettingException;
import org.lpa4j.api.Lpa4jException;
import org.lpa4j.api.data.Metric;

/**
 * The largest loss of quality a user accepts in exchange for speed, against the full-depth model: an absolute amount
 * of the metric (0.003 accuracy is 0.3 points) or a share of the full depth's value (0.05: a relative error at most
 * 5% larger).
 */
public record AcceptedLoss(double amount, boolean relative) {
    /** The default for classifiers: 0.3 accuracy points. */
    public static final double DEFAULT_POINTS = 0.3;
    /** The default for regression: an error at most 5% larger. */
    public static final double DEFAULT_RELATIVE = 0.05;

    public AcceptedLoss {
        if (!(amount >= 0) || Double.isInfinite(amount)) {
            throw new Lpa4jException("The accepted metric loss must be a finite number >= 0 but is " + amount + ".");
        }
    }

    /** At most {@code amount} of the metric's own unit worse. */
    public static AcceptedLoss absolute(double amount) {
        return new AcceptedLoss(amount, false);
    }

    /** At most {@code share} of the full depth's metric worse. */
    public static AcceptedLoss relative(double share) {
        return new AcceptedLoss(share, true);
    }

    /**
     * The accepted loss given in percent, as people state it: accuracy points for accuracy ({@code 0.3} is 0.3 points),
     * percent of the full depth's value otherwise ({@code 5} is an error at most 5% larger).
     */
    public static AcceptedLoss inPercent(Metric metric, double percent) {
        if (!(percent >= 0) || Double.isInfinite(percent)) {
            throw new InvalidSettingException("maxLoss", "The accepted loss must be a finite number >= 0 (accuracy points for accuracy,"
                    + " percent of the full depth's value otherwise) but is " + percent + ".");
        }
        return metric == Metric.ACCURACY ? absolute(percent / 100) : relative(percent / 100);
    }

    /** 0.3 points for accuracy, otherwise 5% relative. */
    public static AcceptedLoss defaultFor(Metric metric) {
        return metric == Metric.ACCURACY ? absolute(DEFAULT_POINTS / 100) : relative(DEFAULT_RELATIVE);
    }

    /**
     * The loss of {@code value} against the full depth's {@code full}, in the unit of {@link #amount}: positive when
     * worse, negative when better.
     */
    public double loss(Metric metric, double value, double full) {
        double worse = metric.lowerIsBetter() ? value - full : full - value;
        return relative ? worse / Math.max(Math.abs(full), Double.MIN_NORMAL) : worse;
    }

    /** Whether a loss of {@code loss} is accepted. */
    public boolean accepts(double loss) {
        return loss <= amount;
    }

    private static String plain(double v) {
        return new BigDecimal(v).round(new MathContext(4)).stripTrailingZeros().toPlainString();
    }

    /** For reports, e.g. {@code 0.3 points} or {@code +5%}. */
    public String describe(Metric metric) {
        if (relative) {
            return "+" + plain(amount * 100) + "% " + metric.label();
        }
        return metric == Metric.ACCURACY ? plain(amount * 100) + " accuracy points" : plain(amount) + " " + metric.label();
    }
}
