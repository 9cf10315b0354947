package org.lpa4j.conformance;

import org.lpa4j.conformance.reference.FiniteDifferences;

/**
 * Every tolerance the suite uses, with the reason for its size. An element passes when
 * {@code |actual - expected| <= RELATIVE * |expected| + ABSOLUTE}.
 */
public final class Tolerances {
    private Tolerances() {
    }

    /**
     * FLOAT32 values: a few single-precision roundings (unit roundoff 6e-8) accumulated over the short sums the
     * suite uses (at most a few dozen terms of magnitude about 1).
     */
    public static final double FLOAT32_RELATIVE = 1e-5;
    /** FLOAT32 values near zero, where a relative bound means nothing: the rounding of terms of magnitude about 1. */
    public static final double FLOAT32_ABSOLUTE = 1e-6;

    /** FLOAT64 values: double-precision rounding (1.1e-16) leaves five orders of magnitude of headroom. */
    public static final double FLOAT64_RELATIVE = 1e-10;
    /** FLOAT64 values near zero (e.g. sums that cancel). */
    public static final double FLOAT64_ABSOLUTE = 1e-12;

    /** The step of the central differences {@code (f(x + h) - f(x - h)) / 2h}, evaluated in FLOAT64. */
    public static final double FINITE_DIFFERENCE_STEP = FiniteDifferences.STEP;
    /**
     * FLOAT64 gradients against central differences with step 1e-6: the truncation error is about
     * {@code h^2 f'''/6 = 1e-13}, the cancellation error about {@code 1e-16 |L| / h = 1e-10 |L|}.
     */
    public static final double GRADIENT_RELATIVE = 1e-6;
    /** FLOAT64 gradients near zero: the cancellation error of the differences for losses of magnitude up to 100. */
    public static final double GRADIENT_ABSOLUTE = 1e-7;

    /**
     * FLOAT32 gradients against central differences of the reference in FLOAT64, on operands rounded to FLOAT32: the
     * backward pass repeats the forward's single-precision roundings (6e-8 each) through a few dozen operations, and
     * a nonlinearity such as layerNorm's division by the deviation amplifies them a few times. A wrong rule (a
     * normaliser treated as a constant, repeated indices averaged) is off by a factor, far beyond this.
     */
    public static final double FLOAT32_GRADIENT_RELATIVE = 1e-4;
    /** FLOAT32 gradients near zero: the rounding of sums of a few dozen terms of magnitude about 1. */
    public static final double FLOAT32_GRADIENT_ABSOLUTE = 1e-5;

    /** FLOAT32 optimizer updates: a handful of single-precision operations per element. */
    public static final double OPTIMIZER_FLOAT32_RELATIVE = 1e-5;
    /** FLOAT32 optimizer updates near zero. */
    public static final double OPTIMIZER_FLOAT32_ABSOLUTE = 1e-6;
    /** FLOAT64 optimizer updates: Adam's {@code sqrt} and division in double precision. */
    public static final double OPTIMIZER_FLOAT64_RELATIVE = 1e-12;
    /** FLOAT64 optimizer updates near zero. */
    public static final double OPTIMIZER_FLOAT64_ABSOLUTE = 1e-14;

    /** The relative tolerance for values of {@code dtype}. */
    public static double relative(org.lpa4j.api.tensor.DType dtype) {
        return dtype == org.lpa4j.api.tensor.DType.FLOAT32 ? FLOAT32_RELATIVE : FLOAT64_RELATIVE;
    }

    /** The absolute tolerance for values of {@code dtype}. */
    public static double absolute(org.lpa4j.api.tensor.DType dtype) {
        return dtype == org.lpa4j.api.tensor.DType.FLOAT32 ? FLOAT32_ABSOLUTE : FLOAT64_ABSOLUTE;
    }
}
