package org.lpa4j.api.data;

/** What a network's output means: regression targets, one class per example, or the next token at every position. */
public enum OutputKind {
    /** Real-valued targets, one column per target. */
    REGRESSION,
    /** Class scores (logits), one row per example. */
    CLASSES,
    /** Scores over the vocabulary for the next token, at every position of a causal sequence. */
    NEXT_TOKEN
}
