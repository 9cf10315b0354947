package org.lpa4j.api.data;

import org.lpa4j.api.Lpa4jException;
import org.lpa4j.api.tensor.HostTensor;

/** A quality measure of predictions against targets, computed on the host; the report states its direction. */
public enum Metric {
    /** {@code ||yhat - y||_2 / ||y||_2} over the whole split. */
    RELATIVE_L2("relative L2 error", true),
    /** {@code max |yhat - y|}. */
    MAX_ERROR("max error", true),
    /** Share of examples whose arg-max prediction equals the label. */
    ACCURACY("accuracy", false);

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
            case RELATIVE_L2: {
                requireSameSize(prediction, target);
                double num = 0;
                double den = 0;
                for (int i = 0; i < target.size(); i++) {
                    double d = prediction.getDouble(i) - target.getDouble(i);
                    num += d * d;
                    den += target.getDouble(i) * target.getDouble(i);
                }
                return Math.sqrt(num) / Math.max(Math.sqrt(den), 1e-300);
            }
            case MAX_ERROR: {
                requireSameSize(prediction, target);
                double m = 0;
                for (int i = 0; i < target.size(); i++) {
                    m = Math.max(m, Math.abs(prediction.getDouble(i) - target.getDouble(i)));
                }
                return m;
            }
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

    private static void requireSameSize(HostTensor p, HostTensor t) {
        if (p.size() != t.size()) {
            throw new Lpa4jException("Predictions " + p.shape() + " and targets " + t.shape() + " differ in size.");
        }
    }
}
