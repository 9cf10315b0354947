package org.lpa4j.architectures.nested;

/**
 * Where each channel sits in a hidden layer of width {@code 2dN + d + 2}: d carry channels, then for every
 * coordinate 2N ReLU channels (N-1 steep ramp pairs, the coordinate's integer cell code and one spare), then the two
 * sine channels.
 */
public record ChannelLayout(int dim, int base) {

    /** {@code 2dN + d + 2}. */
    public int width() {
        return 2 * dim * base + dim + 2;
    }

    /** The number of ReLU channels (all but the last two). */
    public int reluChannels() {
        return width() - 2;
    }

    /** Carry of coordinate i: the local coordinate {@code frac(N^k x_i)}. */
    public int carry(int i) {
        return i;
    }

    /** The upper ramp {@code relu(K (u - q) + 1)} of threshold q (1..N-1) of coordinate i. */
    public int rampUpper(int i, int q) {
        return dim + i * 2 * base + 2 * (q - 1);
    }

    /** The lower ramp {@code relu(K (u - q))}; upper minus lower is the step {@code [u >= q]} outside a strip of width 1/K. */
    public int rampLower(int i, int q) {
        return rampUpper(i, q) + 1;
    }

    /** The integer cell code {@code m_i} of coordinate i. */
    public int code(int i) {
        return dim + i * 2 * base + 2 * (base - 1);
    }

    /** The spare ReLU channel of coordinate i (zero weights; it keeps the width at 2dN + d + 2). */
    public int spare(int i) {
        return code(i) + 1;
    }

    /** The first sine channel: {@code z = sin(cell code + BETA)}. */
    public int firstSine() {
        return width() - 2;
    }

    /** The second sine channel: {@code sin(omega z + phase)}, the decoder the readout reads. */
    public int secondSine() {
        return width() - 1;
    }
}
