package org.lpa4j.architectures.nested;

/** A function on the unit cube {@code [0,1]^d} that the constructive network approximates, with a short name for reports. */
public interface TargetFunction {

    /** The name users select it by, e.g. {@code hoelder}. */
    String name();

    /** A one-line description with the formula. */
    String description();

    /** The value at {@code x} (length d, every coordinate in [0,1]). */
    double value(double[] x);
}
