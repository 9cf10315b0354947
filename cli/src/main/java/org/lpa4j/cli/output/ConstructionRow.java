package org.lpa4j.cli.output;

import org.lpa4j.architectures.nested.LevelResult;

/**
 * One depth of {@code lpa4j construct}'s report, with null where a value does not exist (level 0 has no bound; the
 * network has no readout beyond the depth its float64 decoder reached), so the JSON stays standard.
 *
 * @param level                  l
 * @param networkError           ||f - Phi_l||_p of the constructive network run through the backend
 * @param certifiedBound         (2d + 1) w_{f,p}(N^-l)
 * @param cellAverageError       ||f - E_l f||_p of the direct multilevel approximation (host, not a network)
 * @param cellAverageBound       2d w_{f,p}(N^-l)
 * @param modulus                the estimate of w_{f,p}(N^-l)
 * @param width                  hidden width 2dN + d + 2
 * @param parameters             parameters the readouts up to l use
 * @param backendVsHostDecoder   max |Phi_l(backend) - Phi_l(host)| over the evaluation points
 */
public record ConstructionRow(int level, Double networkError, Double certifiedBound, double cellAverageError, Double cellAverageBound,
        Double modulus, int width, Long parameters, Double backendVsHostDecoder) {

    /** The row for {@code r}, NaN turned into null. */
    public static ConstructionRow of(LevelResult r) {
        return new ConstructionRow(r.level(), orNull(r.networkError()), orNull(r.bound()), r.averageError(), orNull(r.averageBound()),
                orNull(r.modulus()), r.width(), Double.isNaN(r.networkError()) ? null : r.parameters(), orNull(r.hostDecoderGap()));
    }

    private static Double orNull(double v) {
        return Double.isNaN(v) ? null : v;
    }
}
