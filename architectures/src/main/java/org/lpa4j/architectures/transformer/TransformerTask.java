package org.lpa4j.architectures.transformer;

/**
 * What the shared head of a {@link Transformer} reads out: next-token logits at every position (causal attention), or
 * one class score vector per sequence (bidirectional attention, mean pooling over time).
 */
public enum TransformerTask {
    /** Causal self-attention; the head maps every position to logits over the vocabulary: {@code [batch, T, V]}. */
    NEXT_TOKEN,
    /** Bidirectional self-attention; the head mean-pools over time and maps to class logits: {@code [batch, classes]}. */
    CLASSIFICATION
}
