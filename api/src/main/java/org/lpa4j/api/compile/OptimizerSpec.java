package org.lpa4j.api.compile;

import org.lpa4j.api.Lpa4jException;

/**
 * A neutral optimizer description that each backend runs natively. The learning rate is not part of the
 * spec: it is passed at every step, so schedules need no recompilation. Updates for parameter {@code p}
 * with gradient {@code g} at step {@code t = 1, 2, ...} and learning rate {@code lr}:
 * <ul>
 *   <li>{@link Sgd}: {@code g' = g + weightDecay p; v = momentum v + g'; p -= lr v} (PyTorch form; {@code v = g'} when momentum is 0);</li>
 *   <li>{@link Adam}: {@code m = b1 m + (1-b1) g; v = b2 v + (1-b2) g^2; p -= lr (m / (1-b1^t)) / (sqrt(v / (1-b2^t)) + eps)};</li>
 *   <li>{@link AdamW}: first {@code p -= lr weightDecay p}, then the Adam update (decoupled weight decay).</li>
 * </ul>
 */
public sealed interface OptimizerSpec {

    /** Stochastic gradient descent with optional momentum and L2 weight decay. */
    record Sgd(double momentum, double weightDecay) implements OptimizerSpec {
        public Sgd {
            requireRange("momentum", momentum, 0, 1, true);
            requireRange("weightDecay", weightDecay, 0, Double.MAX_VALUE, false);
        }
    }

    /** Adam (Kingma and Ba), with bias correction. */
    record Adam(double beta1, double beta2, double epsilon) implements OptimizerSpec {
        public Adam {
            requireRange("beta1", beta1, 0, 1, true);
            requireRange("beta2", beta2, 0, 1, true);
            requireRange("epsilon", epsilon, 0, Double.MAX_VALUE, true);
        }
    }

    /** Adam with decoupled weight decay (Loshchilov and Hutter). */
    record AdamW(double beta1, double beta2, double epsilon, double weightDecay) implements OptimizerSpec {
        public AdamW {
            requireRange("beta1", beta1, 0, 1, true);
            requireRange("beta2", beta2, 0, 1, true);
            requireRange("epsilon", epsilon, 0, Double.MAX_VALUE, true);
            requireRange("weightDecay", weightDecay, 0, Double.MAX_VALUE, false);
        }
    }

    /** Plain SGD. */
    static OptimizerSpec sgd() {
        return new Sgd(0, 0);
    }

    /** SGD with momentum. */
    static OptimizerSpec sgd(double momentum) {
        return new Sgd(momentum, 0);
    }

    /** Adam with the usual defaults (0.9, 0.999, 1e-8). */
    static OptimizerSpec adam() {
        return new Adam(0.9, 0.999, 1e-8);
    }

    /** AdamW with the usual defaults and the given weight decay. */
    static OptimizerSpec adamW(double weightDecay) {
        return new AdamW(0.9, 0.999, 1e-8, weightDecay);
    }

    private static void requireRange(String field, double value, double low, double high, boolean exclusiveHigh) {
        boolean ok = Double.isFinite(value) && value >= low && (exclusiveHigh ? value < high : value <= high);
        if (!ok) {
            throw new Lpa4jException("Optimizer field " + field + " = " + value + " is outside [" + low + ", " + high
                    + (exclusiveHigh ? ")" : "]") + ".");
        }
    }
}
