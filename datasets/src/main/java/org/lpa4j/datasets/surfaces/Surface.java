package org.lpa4j.datasets.surfaces;

import java.util.Arrays;
import java.util.Locale;
import java.util.function.ToDoubleFunction;
import java.util.stream.Collectors;
import org.lpa4j.api.Lpa4jException;

/** The built-in surface-fitting functions, each defined on {@code [0,1]^d}. */
public enum Surface implements SurfaceFunction {
    /** 1-D: {@code sum_k a_k sin(2 pi k x)} for k = 1, 3, 7, 12, 20 with amplitudes 1, 0.7, 0.5, 0.35, 0.25. */
    OSCILLATION_1D("oscillation1d", 1, x -> {
        int[] k = {1, 3, 7, 12, 20};
        double[] a = {1, 0.7, 0.5, 0.35, 0.25};
        double s = 0;
        for (int i = 0; i < k.length; i++) {
            s += a[i] * Math.sin(2 * Math.PI * k[i] * x[0]);
        }
        return s;
    }),
    /** 2-D: the classic "peaks" surface, three Gaussian bumps and valleys, on {@code [-3,3]^2} rescaled to {@code [0,1]^2}. */
    PEAKS_2D("peaks2d", 2, x -> {
        double u = 6 * x[0] - 3;
        double v = 6 * x[1] - 3;
        return 3 * Math.pow(1 - u, 2) * Math.exp(-u * u - (v + 1) * (v + 1))
                - 10 * (u / 5 - u * u * u - Math.pow(v, 5)) * Math.exp(-u * u - v * v)
                - Math.exp(-(u + 1) * (u + 1) - v * v) / 3;
    }),
    /** 2-D with a jump: a smooth wave plus 1 on the side {@code x2 > 0.5 + 0.25 sin(2 pi x1)} of a curve. */
    DISCONTINUOUS_2D("discontinuous2d", 2, x -> {
        double smooth = Math.sin(2 * Math.PI * x[0]) * Math.cos(Math.PI * x[1]);
        return smooth + (x[1] > 0.5 + 0.25 * Math.sin(2 * Math.PI * x[0]) ? 1.0 : 0.0);
    }),
    /** 3-D smooth: {@code exp(-|x - c|^2 / 0.2) cos(3 (x1 + x2 + x3))} with {@code c = (0.5, 0.5, 0.5)}. */
    SMOOTH_3D("smooth3d", 3, x -> {
        double r2 = 0;
        for (double xi : x) {
            r2 += (xi - 0.5) * (xi - 0.5);
        }
        return Math.exp(-r2 / 0.2) * Math.cos(3 * (x[0] + x[1] + x[2]));
    });

    private final String id;
    private final int dimension;
    private final ToDoubleFunction<double[]> function;

    Surface(String id, int dimension, ToDoubleFunction<double[]> function) {
        this.id = id;
        this.dimension = dimension;
        this.function = function;
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public int dimension() {
        return dimension;
    }

    @Override
    public double value(double[] x) {
        return function.applyAsDouble(x);
    }

    /** The surface called {@code id}, or an error listing the known ones. */
    public static Surface byId(String id) {
        for (Surface s : values()) {
            if (s.id.equals(id.toLowerCase(Locale.ROOT))) {
                return s;
            }
        }
        throw new Lpa4jException("Unknown surface '" + id + "'. Known surfaces: "
                + Arrays.stream(values()).map(Surface::id).collect(Collectors.joining(", ")) + ".");
    }
}
