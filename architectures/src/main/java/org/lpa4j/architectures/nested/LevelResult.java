package org.lpa4j.architectures.nested;

/**
 * One depth of a construction report.
 *
 * @param level          l (0 is the mean of f)
 * @param networkError   ||f - Phi_l||_p of the float64 network run through a backend, or NaN beyond the decoded depth
 * @param bound          the certified bound (2d + 1) w_{f,p}(N^-l) (NaN at level 0)
 * @param averageError   ||f - E_l f||_p of the direct multilevel approximation evaluated on the host
 * @param averageBound   its bound 2d w_{f,p}(N^-l) (NaN at level 0)
 * @param modulus        the estimate of w_{f,p}(N^-l) (NaN at level 0)
 * @param width          the hidden width 2dN + d + 2
 * @param parameters     the parameters readouts up to this level use, or 0 beyond the decoded depth
 * @param hostDecoderGap max |Phi_l(backend) - Phi_l(host decoder)| over the evaluation points: what float64 in the
 *                       engine adds to the host's own float64 decoding (NaN beyond the decoded depth)
 */
public record LevelResult(int level, double networkError, double bound, double averageError, double averageBound, double modulus,
        int width, long parameters, double hostDecoderGap) {

    /** Whether the network readout of this level exists and meets its bound. */
    public boolean networkWithinBound() {
        return !Double.isNaN(networkError) && networkError <= bound;
    }
}
