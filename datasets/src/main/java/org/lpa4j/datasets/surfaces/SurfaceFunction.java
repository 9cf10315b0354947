package org.lpa4j.datasets.surfaces;

/** A function of {@code [0,1]^d} to fit: the built-in {@link Surface}s or one of your own. */
public interface SurfaceFunction {

    /** The name after {@code surface:}, e.g. {@code peaks2d}. */
    String id();

    /** The input dimension d. */
    int dimension();

    /** The value at {@code x} in {@code [0,1]^d}. */
    double value(double[] x);
}
