package org.lpa4j.api.inference;

/** One exit policy's trade-off on a data split: its mean exit depth and its metric. */
public record ExitPoint(ExitPolicy policy, double meanDepth, double metric) {
}
