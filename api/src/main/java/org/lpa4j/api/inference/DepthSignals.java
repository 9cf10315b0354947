package org.lpa4j.api.inference;

/**
 * What an exit policy sees of one row at depth k: the top class probability of the readout (softmax of its scores),
 * for how many consecutive depths ending at k the top class has stayed the same, and the size of the correction
 * {@code ||yhat_k - yhat_{k-1}|| / ||yhat_k||} (infinite at depth 1, where there is no earlier readout).
 */
public record DepthSignals(double confidence, int streak, double correction) {
}
