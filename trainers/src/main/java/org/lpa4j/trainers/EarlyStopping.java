package org.lpa4j.trainers;

import org.lpa4j.api.compile.VariableStore;
import org.lpa4j.api.data.Metric;
import org.lpa4j.api.params.ParameterSet;

/**
 * Early stopping on the validation metric with a patience in epochs, keeping a copy of the best weights to restore;
 * a patience of 0 never stops and copies nothing.
 */
final class EarlyStopping {
    private final int patience;
    private final Metric metric;
    private double best = Double.NaN;
    private ParameterSet bestWeights;
    private int sinceBest;

    EarlyStopping(int patience, Metric metric) {
        this.patience = patience;
        this.metric = metric;
    }

    /** Records this epoch's {@code score}; returns whether training should stop. */
    boolean shouldStop(double score, VariableStore store) {
        if (patience == 0) {
            return false;
        }
        if (Double.isNaN(best) || (metric.lowerIsBetter() ? score < best : score > best)) {
            best = score;
            bestWeights = store.export();
            sinceBest = 0;
            return false;
        }
        return ++sinceBest >= patience;
    }

    /** The best score and the epochs since it, for a checkpoint. */
    double[] state() {
        return new double[] {best, sinceBest};
    }

    /** The best weights kept so far, or null. */
    ParameterSet bestWeights() {
        return bestWeights;
    }

    /** Continues from a checkpoint's {@link #state} and best weights. */
    void restore(double[] state, ParameterSet weights) {
        best = state[0];
        sinceBest = (int) state[1];
        bestWeights = weights;
    }

    /** Loads the best weights seen, if any were kept. */
    void restoreBest(VariableStore store) {
        if (bestWeights != null) {
            store.load(bestWeights);
        }
    }
}
