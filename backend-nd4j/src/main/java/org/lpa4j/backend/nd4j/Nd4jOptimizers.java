package org.lpa4j.backend.nd4j;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.lpa4j.api.compile.OptimizerState;
import java.util.function.IntFunction;
import org.lpa4j.api.compile.OptimizerSpec;
import org.nd4j.linalg.api.blas.Level1;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.updaters.AdamUpdater;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * The optimizers of {@link OptimizerSpec}, applied natively and in place on the store's arrays with ND4J ops, exactly in
 * the spec's form (ND4J's own Adam updater uses the "epsilon hat" form, so it is not used). Each update works in the
 * step's gradient array as scratch space, so a step allocates no native memory.
 */
final class Nd4jOptimizers {
    private Nd4jOptimizers() {
    }

    /** One optimizer instance with its own state for a fixed list of parameters. */
    abstract static class Optimizer implements AutoCloseable {
        protected final List<String> names;
        protected final List<INDArray> params;
        protected final Level1 blas = Nd4j.getBlasWrapper().level1();
        protected final Map<String, INDArray> state = new LinkedHashMap<>();

        Optimizer(List<String> names, List<INDArray> params) {
            this.names = names;
            this.params = params;
        }

        /** The state arrays by their {@link org.lpa4j.api.compile.OptimizerState} names, updated in place. */
        final Map<String, INDArray> slots() {
            return state;
        }

        /** Applies step {@code t} (1-based) at learning rate {@code lr}; {@code gradients.apply(i)} may be overwritten. */
        final void step(IntFunction<INDArray> gradients, long t, double lr) {
            for (int i = 0; i < params.size(); i++) {
                update(i, params.get(i), gradients.apply(i), t, lr);
            }
        }

        abstract void update(int i, INDArray p, INDArray g, long t, double lr);

        /** {@code y += alpha x}, in place. */
        protected final void axpy(double alpha, INDArray x, INDArray y) {
            blas.axpy(y.length(), alpha, x, y);
        }

        /** A state array of zeros shaped like parameter {@code i}, named {@code prefix + its name}. */
        protected final INDArray zerosLike(String prefix, int i) {
            INDArray p = params.get(i);
            INDArray z = Nd4j.zeros(p.dataType(), p.shape());
            state.put(prefix + names.get(i), z);
            return z;
        }

        @Override
        public final void close() {
            for (INDArray s : state.values()) {
                s.close();
            }
            state.clear();
        }
    }

    /** A new optimizer for {@code params} (the store's arrays, updated in place) called {@code names}. */
    static Optimizer create(OptimizerSpec spec, List<String> names, List<INDArray> params) {
        if (spec instanceof OptimizerSpec.Sgd sgd) {
            return new Sgd(names, params, sgd.momentum(), sgd.weightDecay());
        }
        if (spec instanceof OptimizerSpec.Adam adam) {
            return new Adam(names, params, adam.beta1(), adam.beta2(), adam.epsilon(), 0.0);
        }
        if (spec instanceof OptimizerSpec.AdamW adamW) {
            return new Adam(names, params, adamW.beta1(), adamW.beta2(), adamW.epsilon(), adamW.weightDecay());
        }
        throw new IllegalStateException("Unhandled optimizer " + spec);
    }

    /** {@code g' = g + wd p; v = momentum v + g'; p -= lr v} (PyTorch form; {@code v = g'} without momentum). */
    private static final class Sgd extends Optimizer {
        private final double momentum;
        private final double weightDecay;
        private final List<INDArray> velocity = new ArrayList<>();

        Sgd(List<String> names, List<INDArray> params, double momentum, double weightDecay) {
            super(names, params);
            this.momentum = momentum;
            this.weightDecay = weightDecay;
            if (momentum > 0) {
                for (int i = 0; i < params.size(); i++) {
                    velocity.add(zerosLike(OptimizerState.VELOCITY, i));
                }
            }
        }

        @Override
        void update(int i, INDArray p, INDArray g, long t, double lr) {
            if (weightDecay > 0) {
                axpy(weightDecay, p, g);
            }
            if (momentum > 0) {
                INDArray v = velocity.get(i);
                v.muli(momentum).addi(g);
                axpy(-lr, v, p);
            } else {
                axpy(-lr, g, p);
            }
        }
    }

    /**
     * Adam: {@code m = b1 m + (1-b1) g; v = b2 v + (1-b2) g^2; p -= lr (m / (1-b1^t)) / (sqrt(v / (1-b2^t)) + eps)}; with a
     * decoupled weight decay {@code p -= lr wd p} first (AdamW) when {@code weightDecay > 0}.
     */
    private static final class Adam extends Optimizer {
        private final double beta1;
        private final double beta2;
        private final double epsilon;
        private final double weightDecay;
        private final List<INDArray> m = new ArrayList<>();
        private final List<INDArray> v = new ArrayList<>();

        Adam(List<String> names, List<INDArray> params, double beta1, double beta2, double epsilon, double weightDecay) {
            super(names, params);
            this.beta1 = beta1;
            this.beta2 = beta2;
            this.epsilon = epsilon;
            this.weightDecay = weightDecay;
            for (int i = 0; i < params.size(); i++) {
                m.add(zerosLike(OptimizerState.MEAN, i));
                v.add(zerosLike(OptimizerState.VARIANCE, i));
            }
        }

        @Override
        void update(int i, INDArray p, INDArray g, long t, double lr) {
            if (weightDecay > 0) {
                axpy(-lr * weightDecay, p, p);
            }
            // ND4J's fused kernel computes lr sqrt(1-b2^t)/(1-b1^t) m / (sqrt(v) + eps'); with eps' = eps sqrt(1-b2^t) that is
            // exactly lr m_hat / (sqrt(v_hat) + eps), the spec's form, in one native call instead of eleven.
            if (lr == 0) {
                // The kernel replaces a zero step size by eps; keep the moments exact and the parameter unchanged instead.
                INDArray mi = m.get(i);
                INDArray vi = v.get(i);
                mi.muli(beta1);
                axpy(1 - beta1, g, mi);
                g.muli(g);
                vi.muli(beta2);
                axpy(1 - beta2, g, vi);
                return;
            }
            double epsilonHat = epsilon * Math.sqrt(1 - Math.pow(beta2, t));
            Nd4j.exec(new AdamUpdater(g, v.get(i), m.get(i), lr, beta1, beta2, epsilonHat, (int) (t - 1)));
            p.subi(g);
        }
    }
}
