package org.lpa4j.architectures.nested;

/**
 * The sine decoder of one level: {@code Gamma_l = amplitude * sin(omega * z + phase) + offset}, where
 * {@code z = sin(code + BETA)} is the first sine channel's value for the integer cell code.
 *
 * @param level     l >= 1
 * @param cells     N^(l d), the table size it decodes
 * @param omega     the frequency found by the search
 * @param amplitude readout weight on the second sine channel
 * @param phase     bias of the second sine channel
 * @param offset    readout bias
 * @param residual  the L^p norm (cell-volume weighted) of decoded minus target table, on the host
 * @param tolerance the residual it had to meet
 * @param steps     frequencies tried
 */
public record LevelDecoder(int level, int cells, double omega, double amplitude, double phase, double offset, double residual,
        double tolerance, long steps) {

    /** The decoded increment for a first-channel value {@code z}. */
    public double decode(double z) {
        return amplitude * Math.sin(omega * z + phase) + offset;
    }
}
