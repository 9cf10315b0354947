package org.lpa4j.backend.tensorflow;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.lpa4j.api.compile.OptimizerSpec;
import org.lpa4j.api.compile.OptimizerState;
import org.lpa4j.api.tensor.DType;
import org.lpa4j.api.tensor.Shape;
import org.tensorflow.Operation;
import org.tensorflow.OperationBuilder;
import org.tensorflow.Output;

/**
 * Builds the native update nodes of an {@link OptimizerSpec}, following its formulas exactly, with TensorFlow's
 * fused resource kernels:
 * <ul>
 *   <li>SGD: {@code ResourceApplyMomentum} ({@code accum = momentum accum + g'; p -= lr accum}, PyTorch's form) or
 *       {@code ResourceApplyGradientDescent} when momentum is 0, with {@code g' = g + weightDecay p} built before.</li>
 *   <li>Adam: {@code ResourceApplyAdam} computes {@code p -= alpha m / (sqrt(v) + epsilon')} with its own
 *       {@code alpha = lr' sqrt(1 - beta2Power) / (1 - beta1Power)}. Fed with beta powers 0 (so {@code alpha = lr'}),
 *       {@code lr' = lr sqrt(1 - b2^t) / (1 - b1^t)} and {@code epsilon' = eps sqrt(1 - b2^t)}, both computed in
 *       FLOAT64, the update is {@code lr (m / (1 - b1^t)) / (sqrt(v / (1 - b2^t)) + eps)}: the spec's formula with eps
 *       added to {@code sqrt(v_hat)}, not TensorFlow's usual "epsilon hat" form.</li>
 *   <li>AdamW: {@code p -= lr weightDecay p} ({@code ResourceApplyGradientDescent} with {@code delta = p}) first, then
 *       the Adam node, ordered by a control dependency.</li>
 * </ul>
 * The step counter {@code t} is a FLOAT64 variable of the train step, incremented by the same run.
 */
final class TensorFlowOptimizers {
    private TensorFlowOptimizers() {
    }

    /** One parameter to update: its variable handle, type and shape, and its gradient (null: the loss ignores it). */
    record Target(String name, Output<?> handle, DType dtype, Shape shape, Output<?> gradient) {
    }

    /**
     * The nodes of one optimizer: state initialisation, the grouped step, the release of the state, and for checkpoints
     * each state variable's read and load placeholder ({@code slots}) with the node that assigns them all ({@code load}).
     */
    record Update(Operation init, Operation step, Operation destroy, List<Slot> slots, Operation load) {
    }

    /**
     * One state variable as a checkpoint sees it: its {@link org.lpa4j.api.compile.OptimizerState} name (null for Adam's
     * step counter, which is not exported but loaded from the step count), a node reading it and a placeholder loading it.
     */
    record Slot(String name, Output<?> read, Output<?> feed) {
    }

    /**
     * Builds the optimizer. State variables and their initialisation go through {@code plain}; the update nodes
     * through {@code after}, whose nodes all wait for the loss and the gradients. {@code learningRate} is a FLOAT64 scalar.
     */
    static Update build(TensorFlowNodes plain, TensorFlowNodes after, OptimizerSpec spec, List<Target> targets, Output<?> learningRate) {
        Builder b = new Builder(plain, after, learningRate);
        if (spec instanceof OptimizerSpec.Sgd sgd) {
            b.sgd(sgd, targets);
        } else if (spec instanceof OptimizerSpec.Adam adam) {
            b.adam(adam.beta1(), adam.beta2(), adam.epsilon(), 0, targets);
        } else if (spec instanceof OptimizerSpec.AdamW adamW) {
            b.adam(adamW.beta1(), adamW.beta2(), adamW.epsilon(), adamW.weightDecay(), targets);
        } else {
            throw new IllegalStateException("Unhandled optimizer " + spec);
        }
        return b.finish();
    }

    private static final class Builder {
        private final TensorFlowNodes plain;
        private final TensorFlowNodes after;
        private final Output<?> lr;
        private final List<Operation> inits = new ArrayList<>();
        private final List<Operation> updates = new ArrayList<>();
        private final List<Output<?>> state = new ArrayList<>();
        private final List<Slot> slots = new ArrayList<>();
        private final List<Operation> loads = new ArrayList<>();
        private final Map<DType, Output<?>> lrByType = new EnumMap<>(DType.class);

        Builder(TensorFlowNodes plain, TensorFlowNodes after, Output<?> lr) {
            this.plain = plain;
            this.after = after;
            this.lr = lr;
        }

        /** A state variable of zeros, initialised by the init node; {@code stateName} is its checkpoint name. */
        private Output<?> slot(String name, String stateName, DType dtype, Shape shape) {
            Output<?> handle = plain.variable(name, dtype, shape);
            Output<?> zeros = plain.op("Fill", plain.ints(shape.dims()), plain.scalar(0, dtype));
            inits.add(plain.assign(handle, zeros));
            state.add(handle);
            Output<?> feed = plain.placeholder(dtype, shape);
            loads.add(plain.assign(handle, feed));
            slots.add(new Slot(stateName, plain.read(handle, dtype), feed));
            return handle;
        }

        private Output<?> lr(DType dtype) {
            return lrByType.computeIfAbsent(dtype, t -> after.cast(lr, t));
        }

        private Output<?> gradient(Target t) {
            return t.gradient() != null ? t.gradient() : after.op("ZerosLike", after.read(t.handle(), t.dtype()));
        }

        void sgd(OptimizerSpec.Sgd spec, List<Target> targets) {
            for (Target t : targets) {
                Output<?> g = gradient(t);
                if (spec.weightDecay() != 0) {
                    Output<?> decay = after.op("Mul", after.scalar(spec.weightDecay(), t.dtype()), after.read(t.handle(), t.dtype()));
                    g = after.op("AddV2", g, decay);
                }
                if (spec.momentum() != 0) {
                    Output<?> accum = slot(t.name() + ".momentum", OptimizerState.VELOCITY + t.name(), t.dtype(), t.shape());
                    updates.add(after.builder("ResourceApplyMomentum").addInput(t.handle()).addInput(accum).addInput(lr(t.dtype()))
                            .addInput(g).addInput(after.scalar(spec.momentum(), t.dtype())).setAttr("use_nesterov", false).build());
                } else {
                    updates.add(after.builder("ResourceApplyGradientDescent").addInput(t.handle()).addInput(lr(t.dtype())).addInput(g)
                            .build());
                }
            }
        }

        void adam(double beta1, double beta2, double epsilon, double weightDecay, List<Target> targets) {
            Output<?> step = slot("step", null, DType.FLOAT64, Shape.scalar());
            Output<?> t = after.op("AddV2", after.read(step, DType.FLOAT64), after.scalar(1, DType.FLOAT64));
            updates.add(after.assign(step, t));
            Output<?> one = after.scalar(1, DType.FLOAT64);
            Output<?> beta1Power = after.op("Pow", after.scalar(beta1, DType.FLOAT64), t);
            Output<?> beta2Power = after.op("Pow", after.scalar(beta2, DType.FLOAT64), t);
            Output<?> c2 = after.op("Sqrt", after.op("Sub", one, beta2Power));
            Output<?> alpha = after.op("RealDiv", after.op("Mul", lr, c2), after.op("Sub", one, beta1Power));
            Output<?> eps = after.op("Mul", after.scalar(epsilon, DType.FLOAT64), c2);
            Map<DType, Output<?>[]> scalars = new EnumMap<>(DType.class);
            for (Target p : targets) {
                Output<?>[] s = scalars.computeIfAbsent(p.dtype(), d -> new Output<?>[] {
                    after.cast(alpha, d), after.cast(eps, d), after.scalar(0, d), after.scalar(beta1, d), after.scalar(beta2, d)});
                Output<?> m = slot(p.name() + ".adam_m", OptimizerState.MEAN + p.name(), p.dtype(), p.shape());
                Output<?> v = slot(p.name() + ".adam_v", OptimizerState.VARIANCE + p.name(), p.dtype(), p.shape());
                Output<?> g = gradient(p);
                OperationBuilder apply = after.builder("ResourceApplyAdam").addInput(p.handle()).addInput(m).addInput(v)
                        .addInput(s[2]).addInput(s[2]).addInput(s[0]).addInput(s[3]).addInput(s[4]).addInput(s[1]).addInput(g)
                        .setAttr("use_nesterov", false);
                if (weightDecay != 0) {
                    Output<?> rate = after.op("Mul", lr(p.dtype()), after.scalar(weightDecay, p.dtype()));
                    Operation decay = after.builder("ResourceApplyGradientDescent").addInput(p.handle()).addInput(rate)
                            .addInput(after.read(p.handle(), p.dtype())).build();
                    apply.addControlInput(decay);
                }
                updates.add(apply.build());
            }
        }

        Update finish() {
            Operation init = plain.group("init_optimizer", inits);
            Operation step = after.group("train_step", updates);
            List<Operation> destroys = new ArrayList<>();
            for (Output<?> h : state) {
                destroys.add(plain.destroy(h));
            }
            Operation destroy = plain.group("release_optimizer", destroys);
            return new Update(init, step, destroy, List.copyOf(slots), plain.group("load_optimizer", loads));
        }
    }
}
