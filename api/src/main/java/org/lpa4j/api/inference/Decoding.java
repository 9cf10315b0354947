package org.lpa4j.api.inference;

/**
 * Generated tokens with what producing them took: the wall-clock seconds, the full-depth passes, and for
 * self-speculative decoding the drafted and accepted tokens (both 0 for plain decoding).
 */
public record Decoding(int[] tokens, double seconds, int fullPasses, int drafted, int accepted) {
    public Decoding {
        tokens = tokens.clone();
    }

    @Override
    public int[] tokens() {
        return tokens.clone();
    }

    /** Generated tokens per second of wall-clock time. */
    public double tokensPerSecond() {
        return tokens.length / Math.max(seconds, 1e-9);
    }

    /** The share of drafted tokens the full depth confirmed (NaN when nothing was drafted). */
    public double acceptanceRate() {
        return drafted == 0 ? Double.NaN : (double) accepted / drafted;
    }
}
