package org.lpa4j.architectures.nested;

import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import org.lpa4j.api.Lpa4jException;

/**
 * The named test functions of the construction: a Lipschitz one, a Hoelder one with exponent 1/2 and one with a
 * jump, so the certified rate can be checked at three kinds of regularity.
 */
public final class TargetFunctions {
    /** The point where the Hoelder function has its cusp (not on any cell boundary for small N). */
    static final double CUSP = 0.37;
    /** Where the step function jumps in its first coordinate. */
    static final double JUMP = 0.41;

    private TargetFunctions() {
    }

    /** Every function, in the order the CLI lists them. */
    public static List<TargetFunction> all() {
        return List.of(
                function("lipschitz", "sin(2 pi (x_1 + ... + x_d)) / (2 pi): Lipschitz with constant sqrt(d)", x -> {
                    double s = 0;
                    for (double v : x) {
                        s += v;
                    }
                    return Math.sin(2 * Math.PI * s) / (2 * Math.PI);
                }),
                function("hoelder", "|x - c|^(1/2) with c = (" + CUSP + ", ...): Hoelder with exponent 1/2", x -> {
                    double s = 0;
                    for (double v : x) {
                        s += (v - CUSP) * (v - CUSP);
                    }
                    return Math.sqrt(Math.sqrt(s));
                }),
                function("jump", "1 where x_1 >= " + JUMP + " and 0 elsewhere, plus x_d / 2: a jump of height 1", x ->
                        (x[0] >= JUMP ? 1.0 : 0.0) + 0.5 * x[x.length - 1]));
    }

    /** The function called {@code name}, or an error sentence listing the known names. */
    public static TargetFunction named(String name) {
        String key = name == null ? "" : name.toLowerCase(Locale.ROOT);
        return all().stream().filter(f -> f.name().equals(key)).findFirst().orElseThrow(() -> new Lpa4jException(
                "Unknown function '" + name + "'; choose one of " + all().stream().map(TargetFunction::name)
                        .collect(Collectors.joining(", ")) + "."));
    }

    private static TargetFunction function(String name, String description, java.util.function.ToDoubleFunction<double[]> f) {
        return new TargetFunction() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public String description() {
                return description;
            }

            @Override
            public double value(double[] x) {
                return f.applyAsDouble(x);
            }

            @Override
            public String toString() {
                return name;
            }
        };
    }
}
