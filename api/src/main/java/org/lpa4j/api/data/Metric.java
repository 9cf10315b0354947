package org.lpa4j.api.data;

import org.lpa4j.api.Lpa4jException;
import org.lpa4j.api.tensor.HostTensor;

/** A quality measure of predictions against targets, computed on the host; the report states its direction. */
public enum Metric {
    /** {@code ||yhat - y||_2 / ||y||_2} over the whole split. */
    RELATIVE_L2("relative L2 error", true),
    /** Relative squared error {@code sum (y - yhat)^2 / sum y^2} over the whole split: the square of {@link #RELATIVE_L2}. */
    RSE("relative squared error", true),
    /** {@code max |yhat - y|}. */
    MAX_ERROR("max error", true),
    /** Share of examples whose arg-max prediction equals the label. */
    ACCURACY("accuracy", false),
    /** Mean softmax cross-entropy of logits against INT32 labels, in nats. */
    CROSS_ENTROPY("cross-entropy", true),
    /** Mean softmax cross-entropy in bits: bits per character for a character-level language model. */
    BITS_PER_CHARACTER("bits per character", true);

    private final String label;
    private final boolean lowerIsBetter;

    Metric(String label, boolean lowerIsBetter) {
        this.label = label;
        this.lowerIsBetter = lowerIsBetter;
    }

    public String label() {
        return label;
    }

    public boolean lowerIsBetter() {
        return lowerIsBetter;
    }

    /** The metric of {@code prediction} against {@code target}. */
    public double evaluate(HostTensor prediction, HostTensor target) {
        switch (this) {
            case RELATIVE_L2:
                return Math.sqrt(relativeSquaredError(prediction, target));
            case RSE:
                return relativeSquaredError(prediction, target);
            case MAX_ERROR: {
                requireSameSize(prediction, target);
                double m = 0;
                for (int i = 0; i < target.size(); i++) {
                    m = Math.max(m, Math.abs(prediction.getDouble(i) - target.getDouble(i)));
                }
                return m;
            }
            case CROSS_ENTROPY:
                return crossEntropy(prediction, target);
            case BITS_PER_CHARACTER:
                return crossEntropy(prediction, target) / Math.log(2);
            default: {
                int classes = prediction.shape().dim(-1);
                int n = prediction.size() / classes;
                if (n != target.size()) {
                    throw new Lpa4jException("Accuracy needs one label per prediction row, but got " + n + " rows and " + target.size() + " labels.");
                }
                int correct = 0;
                for (int i = 0; i < n; i++) {
                    int best = 0;
                    for (int c = 1; c < classes; c++) {
                        if (prediction.getDouble(i * classes + c) > prediction.getDouble(i * classes + best)) {
                            best = c;
                        }
                    }
                    correct += best == (int) target.getDouble(i) ? 1 : 0;
                }
                return (double) correct / n;
            }
        }
    }

    /** Whether the metric reads logits against INT32 class labels. */
    public boolean isClassification() {
        return this == ACCURACY || this == CROSS_ENTROPY || this == BITS_PER_CHARACTER;
    }

    /** {@code sum (yhat - y)^2 / sum y^2}; a zero target counts as the smallest normal double, so the ratio stays finite. */
    private static double relativeSquaredError(HostTensor prediction, HostTensor target) {
        requireSameSize(prediction, target);
        double num = 0;
        double den = 0;
        for (int i = 0; i < target.size(); i++) {
            double d = prediction.getDouble(i) - target.getDouble(i);
            num += d * d;
            den += target.getDouble(i) * target.getDouble(i);
        }
        return num / Math.max(den, Double.MIN_NORMAL);
    }

    private static double crossEntropy(HostTensor logits, HostTensor labels) {
        int classes = logits.shape().dim(-1);
        int n = logits.size() / classes;
        if (n != labels.size()) {
            throw new Lpa4jException("Cross-entropy needs one label per logit row, but got " + n + " rows and " + labels.size() + " labels.");
        }
        double sum = 0;
        for (int i = 0; i < n; i++) {
            double max = Double.NEGATIVE_INFINITY;
            for (int c = 0; c < classes; c++) {
                max = Math.max(max, logits.getDouble(i * classes + c));
            }
            double z = 0;
            for (int c = 0; c < classes; c++) {
                z += Math.exp(logits.getDouble(i * classes + c) - max);
            }
            int label = (int) labels.getDouble(i);
            if (label < 0 || label >= classes) {
                throw new Lpa4jException("Label " + label + " at row " + i + " is outside the " + classes + " classes of the logits.");
            }
            sum += max + Math.log(z) - logits.getDouble(i * classes + label);
        }
        return sum / n;
    }

    private static void requireSameSize(HostTensor p, HostTensor t) {
        if (p.size() != t.size()) {
            throw new Lpa4jException("Predictions " + p.shape() + " and targets " + t.shape() + " differ in size.");
        }
    }
}
