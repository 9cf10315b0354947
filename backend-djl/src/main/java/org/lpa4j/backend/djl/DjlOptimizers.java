package org.lpa4j.backend.djl;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.jni.JniUtils;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import org.lpa4j.api.compile.OptimizerState;
import java.util.Set;
import org.lpa4j.api.compile.OptimizerSpec;
import org.lpa4j.api.tensor.DType;

/**
 * The native optimizer updates, following the {@link OptimizerSpec} formulas exactly. DJL's own {@code Adam} uses the
 * "epsilon hat" form ({@code lr sqrt(1-b2^t)/(1-b1^t) m / (sqrt(v) + eps)}), so it is not used as is. For FLOAT32 the
 * fused PyTorch kernel behind it is called with {@code eps' = eps sqrt(1-b2^t)}, which makes it exactly
 * {@code lr (m/(1-b1^t)) / (sqrt(v/(1-b2^t)) + eps)}; FLOAT64 parameters use the same formula written with in-place
 * ops, because the kernel takes its coefficients as 32-bit floats. SGD is written with in-place ops in the PyTorch form
 * (the kernel folds the learning rate into the momentum buffer, which differs when the learning rate changes).
 */
final class DjlOptimizers {
    /** Whether FLOAT32 Adam uses the fused kernel (see the class comment); {@code -Dlpa4j.djl.exactAdam=true} turns it off. */
    static final boolean FUSED = !Boolean.getBoolean("lpa4j.djl.exactAdam");

    private DjlOptimizers() {
    }

    /** One program's optimizer: its state per parameter, updated in place. */
    interface Optimizer extends AutoCloseable {
        /** Applies step {@code t} (1, 2, ...) to {@code param} with gradient {@code grad}. */
        void update(String name, NDArray param, NDArray grad, double lr, long t);

        /** The state arrays by their {@link org.lpa4j.api.compile.OptimizerState} names, updated in place. */
        Map<String, NDArray> slots();

        @Override
        void close();
    }

    static Optimizer create(OptimizerSpec spec, DjlVariableStore store, Set<String> trainable) {
        NDManager stateManager = store.manager().newSubManager();
        if (spec instanceof OptimizerSpec.Sgd sgd) {
            return new Sgd(stateManager, store, trainable, sgd.momentum(), sgd.weightDecay());
        }
        if (spec instanceof OptimizerSpec.Adam adam) {
            return new Adam(stateManager, store, trainable, adam.beta1(), adam.beta2(), adam.epsilon(), 0, false);
        }
        OptimizerSpec.AdamW w = (OptimizerSpec.AdamW) spec;
        return new Adam(stateManager, store, trainable, w.beta1(), w.beta2(), w.epsilon(), w.weightDecay(), true);
    }

    /** A rank-0 constant of {@code like}'s type (DJL's {@code Number} overloads would make it rank-1 FLOAT64). */
    private static NDArray c(NDArray like, double value) {
        return DjlArrays.scalarLike(like, value);
    }

    private abstract static class Base implements Optimizer {
        protected final NDManager state;
        protected final Map<String, DType> dtypes = new HashMap<>();
        private final Map<String, NDArray> slots = new TreeMap<>();

        Base(NDManager state, DjlVariableStore store, Set<String> trainable) {
            this.state = state;
            for (String name : trainable) {
                dtypes.put(name, store.dtype(name));
            }
        }

        /** A state array of zeros shaped like parameter {@code name}'s value {@code param}, named {@code prefix + name}. */
        protected NDArray slot(String prefix, String name, NDArray param) {
            NDArray z = state.zeros(param.getShape(), param.getDataType());
            slots.put(prefix + name, z);
            return z;
        }

        @Override
        public Map<String, NDArray> slots() {
            return slots;
        }

        @Override
        public void close() {
            state.close();
        }
    }

    /** SGD, PyTorch form: {@code g' = g + wd p; v = momentum v + g'; p -= lr v}. */
    private static final class Sgd extends Base {
        private final double momentum;
        private final double weightDecay;
        private final Map<String, NDArray> velocity = new HashMap<>();

        Sgd(NDManager state, DjlVariableStore store, Set<String> trainable, double momentum, double weightDecay) {
            super(state, store, trainable);
            this.momentum = momentum;
            this.weightDecay = weightDecay;
            if (momentum > 0) {
                for (String name : trainable) {
                    velocity.put(name, slot(OptimizerState.VELOCITY, name, store.value(name)));
                }
            }
        }

        @Override
        public void update(String name, NDArray param, NDArray grad, double lr, long t) {
            NDArray g = weightDecay > 0 ? grad.add(param.mul(c(param, weightDecay))) : grad;
            if (momentum > 0) {
                NDArray v = velocity.get(name);
                v.muli(c(v, momentum)).addi(g);
                g = v;
            }
            param.subi(g.mul(c(g, lr)));
        }
    }

    /** Adam with bias correction; with {@code decoupled}, AdamW's {@code p -= lr wd p} first. */
    private static final class Adam extends Base {
        private final double beta1;
        private final double beta2;
        private final double epsilon;
        private final double weightDecay;
        private final boolean decoupled;
        private final Map<String, NDArray> m = new HashMap<>();
        private final Map<String, NDArray> v = new HashMap<>();

        Adam(NDManager state, DjlVariableStore store, Set<String> trainable, double beta1, double beta2, double epsilon,
             double weightDecay, boolean decoupled) {
            super(state, store, trainable);
            this.beta1 = beta1;
            this.beta2 = beta2;
            this.epsilon = epsilon;
            this.weightDecay = weightDecay;
            this.decoupled = decoupled;
            for (String name : trainable) {
                m.put(name, slot(OptimizerState.MEAN, name, store.value(name)));
                v.put(name, slot(OptimizerState.VARIANCE, name, store.value(name)));
            }
        }

        @Override
        public void update(String name, NDArray param, NDArray grad, double lr, long t) {
            NDArray mean = m.get(name);
            NDArray variance = v.get(name);
            double c1 = 1.0 - Math.pow(beta1, t);
            double c2 = 1.0 - Math.pow(beta2, t);
            if (FUSED && dtypes.get(name) == DType.FLOAT32) {
                // weight -= (lr sqrt(c2) / c1) m / (sqrt(v) + eps sqrt(c2))  ==  lr (m / c1) / (sqrt(v / c2) + eps).
                // The kernel forms 1 - beta in float, so the bias corrections use the same float betas: then
                // v / c2 is exactly a bias-corrected average (otherwise 1 - 0.999f is off by 1.3e-5 relative).
                double b1 = (float) beta1;
                double b2 = (float) beta2;
                c1 = 1.0 - Math.pow(b1, t);
                c2 = 1.0 - Math.pow(b2, t);
                double root = Math.sqrt(c2);
                JniUtils.adamUpdate((PtNDArray) param, (PtNDArray) grad, (PtNDArray) mean, (PtNDArray) variance,
                        (float) lr, (float) (lr * root / c1), (float) (decoupled ? weightDecay : 0.0), 1f, -1f,
                        (float) beta1, (float) beta2, (float) (epsilon * root), decoupled);
                return;
            }
            if (decoupled && weightDecay > 0) {
                param.subi(param.mul(c(param, lr * weightDecay)));
            }
            mean.muli(c(mean, beta1)).addi(grad.mul(c(grad, 1.0 - beta1)));
            variance.muli(c(variance, beta2)).addi(grad.square().muli(c(grad, 1.0 - beta2)));
            NDArray denominator = variance.div(c(variance, c2)).sqrt().addi(c(variance, epsilon));
            param.subi(mean.div(c(mean, c1)).muli(c(mean, lr)).divi(denominator));
        }
    }
}
