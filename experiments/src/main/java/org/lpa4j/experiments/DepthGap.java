package org.lpa4j.experiments;

import org.lpa4j.api.training.DepthCurve;
import java.util.Objects;

/**
 * How far one trainer's test metric is from a reference column at every depth: {@code values[l-1] = trainer(l) -
 * reference(l)} in the metric's own units (NaN where the reference has no value), e.g. LPA against the separately
 * trained model of each depth.
 */
public record DepthGap(String trainer, String reference, double[] values) {
    public DepthGap {
        Objects.requireNonNull(trainer, "trainer is null");
        Objects.requireNonNull(reference, "reference is null");
        values = values.clone();
    }

    /** {@code curve - reference} at every depth both have. */
    public static DepthGap between(DepthCurve curve, DepthCurve reference) {
        double[] gap = new double[Math.min(curve.depth(), reference.depth())];
        for (int l = 1; l <= gap.length; l++) {
            gap[l - 1] = curve.at(l) - reference.at(l);
        }
        return new DepthGap(curve.trainer(), reference.trainer(), gap);
    }

    /** The gap at depth {@code l} (1-based). */
    public double at(int l) {
        return values[l - 1];
    }

    @Override
    public double[] values() {
        return values.clone();
    }
}
