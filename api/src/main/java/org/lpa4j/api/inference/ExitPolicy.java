package org.lpa4j.api.inference;

import java.util.List;
import java.util.Objects;
import org.lpa4j.api.Lpa4jException;

/**
 * When a row stops going deeper: at a fixed depth, when the readout is confident enough, when the top class has
 * stayed the same for some depths, or (regression) when the correction the last block made is small. Every policy
 * also stops at its depth cap, so a few hard rows cannot make the whole batch run every block. Policies are plain
 * records, so they can be saved with a model.
 */
public sealed interface ExitPolicy permits ExitPolicy.FixedDepth, ExitPolicy.Confidence, ExitPolicy.Patience, ExitPolicy.Correction {

    /** The deepest depth a row may reach under this policy (a network shallower than this stops at its own depth). */
    int cap();

    /** Whether a row whose readout at depth {@code k} has {@code signals} leaves there (the cap aside). */
    boolean leaves(int k, DepthSignals signals);

    /** Whether a row leaves at depth {@code k} of a {@code depth}-block network: by the policy, its cap or the last block. */
    default boolean stops(int k, int depth, DepthSignals signals) {
        return k >= Math.min(cap(), depth) || leaves(k, signals);
    }

    /** A one-line description for reports, e.g. {@code confidence >= 0.95, cap 4}. */
    String describe();

    /** Every row runs exactly {@code depth} blocks. */
    record FixedDepth(int depth) implements ExitPolicy {
        public FixedDepth {
            requirePositive("depth", depth);
        }

        @Override
        public int cap() {
            return depth;
        }

        @Override
        public boolean leaves(int k, DepthSignals signals) {
            return false;
        }

        @Override
        public String describe() {
            return "fixed depth " + depth;
        }
    }

    /**
     * A row leaves at depth k when its top class probability reaches {@code thresholds.get(k - 1)} (depths past the
     * list never leave early), or at the cap.
     */
    record Confidence(List<Double> thresholds, int cap) implements ExitPolicy {
        public Confidence {
            thresholds = List.copyOf(Objects.requireNonNull(thresholds, "thresholds is null"));
            for (double t : thresholds) {
                if (!(t >= 0 && t <= 1)) {
                    throw new Lpa4jException("A confidence threshold is a probability in [0, 1] but one is " + t + ".");
                }
            }
            requirePositive("cap", cap);
        }

        /** One threshold {@code t} shared by depths 1..cap. */
        public static Confidence shared(double t, int cap) {
            return new Confidence(java.util.Collections.nCopies(cap, t), cap);
        }

        @Override
        public boolean leaves(int k, DepthSignals signals) {
            return k <= thresholds.size() && signals.confidence() >= thresholds.get(k - 1);
        }

        @Override
        public String describe() {
            boolean shared = thresholds.stream().distinct().count() <= 1;
            return "confidence >= " + (shared && !thresholds.isEmpty() ? String.format("%.4f", thresholds.get(0)) : thresholds.toString())
                    + ", cap " + cap;
        }
    }

    /** A row leaves once its top class has been the same at {@code patience} consecutive depths, or at the cap. */
    record Patience(int patience, int cap) implements ExitPolicy {
        public Patience {
            requirePositive("patience", patience);
            requirePositive("cap", cap);
        }

        @Override
        public boolean leaves(int k, DepthSignals signals) {
            return signals.streak() >= patience;
        }

        @Override
        public String describe() {
            return "same class at " + patience + " depths, cap " + cap;
        }
    }

    /**
     * Regression: a row leaves at depth k >= 2 when {@code ||yhat_k - yhat_{k-1}|| / ||yhat_k||} is at most
     * {@code tolerance}, or at the cap.
     */
    record Correction(double tolerance, int cap) implements ExitPolicy {
        public Correction {
            if (!(tolerance >= 0) || Double.isInfinite(tolerance)) {
                throw new Lpa4jException("A correction tolerance must be a finite number >= 0 but is " + tolerance + ".");
            }
            requirePositive("cap", cap);
        }

        @Override
        public boolean leaves(int k, DepthSignals signals) {
            return signals.correction() <= tolerance;
        }

        @Override
        public String describe() {
            return "correction <= " + String.format("%.4g", tolerance) + ", cap " + cap;
        }
    }

    private static void requirePositive(String field, int value) {
        if (value < 1) {
            throw new Lpa4jException("An exit policy's " + field + " must be at least 1 but is " + value + ".");
        }
    }
}
