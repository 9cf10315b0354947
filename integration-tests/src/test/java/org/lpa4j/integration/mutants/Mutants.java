package org.lpa4j.integration.mutants;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.function.UnaryOperator;
import org.lpa4j.api.compile.CompiledTrainStep;
import org.lpa4j.api.compile.OptimizerSpec;
import org.lpa4j.api.compile.OptimizerState;
import org.lpa4j.api.model.ResidualNetwork;
import org.lpa4j.api.ops.Ops;
import org.lpa4j.api.params.Parameters;
import org.lpa4j.api.tensor.DType;
import org.lpa4j.api.tensor.HostTensor;
import org.lpa4j.api.tensor.Shape;
import org.lpa4j.api.tensor.Tensor;
import org.lpa4j.conformance.ForwardingOps;
import org.lpa4j.integration.mutants.Mutant.Kind;
import org.lpa4j.integration.mutants.Mutant.Suite;

/**
 * The catalogue of planted bugs, each a small named wrapper over the real backend's {@code Ops}, its train steps, or the
 * network under test. Gradient faults keep the value and change only the gradient ({@link #withGradientOf}); float32-only
 * faults act only on FLOAT32 tensors; batch-dimension faults only on tensors whose first axis is the unknown batch.
 */
final class Mutants {
    private Mutants() {
    }

    /** The unmutated backend, run once over every suite the campaign uses: it must pass all of them. */
    static Mutant control() {
        return new Mutant("control (no fault)", Kind.VALUES, "nothing", EnumSet.allOf(Suite.class), Set.of(), b -> b, n -> n, null);
    }

    /** Every mutant, the equivalent ones included. */
    static List<Mutant> all() {
        List<Mutant> m = new ArrayList<>();
        values(m);
        messages(m);
        gradients(m);
        float32Only(m);
        batchDimension(m);
        optimizer(m);
        architecture(m);
        equivalent(m);
        return m;
    }

    // ---------------------------------------------------------------- values

    private static void values(List<Mutant> m) {
        m.add(ops("sub-swapped", Kind.VALUES, "sub(a, b) computes b - a", Set.of("sub"), o -> new ForwardingOps(o) {
            @Override
            public Tensor sub(Tensor a, Tensor b) {
                return delegate().sub(b, a);
            }
        }));
        m.add(ops("div-inverted", Kind.VALUES, "div(a, b) computes b / a", Set.of("div"), o -> new ForwardingOps(o) {
            @Override
            public Tensor div(Tensor a, Tensor b) {
                return delegate().div(b, a);
            }
        }));
        m.add(ops("exp-1e-4-too-large", Kind.VALUES, "exp is 1e-4 too large (relative)", Set.of("exp"), o -> new ForwardingOps(o) {
            @Override
            public Tensor exp(Tensor x) {
                return delegate().scale(delegate().exp(x), 1 + 1e-4);
            }
        }));
        m.add(ops("sqrt-with-epsilon", Kind.VALUES, "sqrt(x) computes sqrt(x + 1e-8)", Set.of("sqrt"), o -> new ForwardingOps(o) {
            @Override
            public Tensor sqrt(Tensor x) {
                return delegate().sqrt(delegate().add(x, delegate().scalar(1e-8, x.dtype())));
            }
        }));
        m.add(ops("relu-leaky", Kind.VALUES, "relu lets 1% of negative inputs through", Set.of("relu"), o -> new ForwardingOps(o) {
            @Override
            public Tensor relu(Tensor x) {
                Ops r = delegate();
                return r.sub(r.relu(x), r.scale(r.relu(r.neg(x)), 0.01));
            }
        }));
        m.add(ops("transpose-inverse-permutation", Kind.VALUES, "transpose applies the inverse of perm (same for involutions)",
                Set.of("transpose"), o -> new ForwardingOps(o) {
                    @Override
                    public Tensor transpose(Tensor x, int... perm) {
                        int[] inverse = new int[perm.length];
                        for (int i = 0; i < perm.length; i++) {
                            inverse[perm[i]] = i;
                        }
                        return delegate().transpose(x, inverse);
                    }
                }));
        m.add(ops("slice-start-off-by-one", Kind.VALUES, "slice starts one element early when start > 0", Set.of("slice"),
                o -> new ForwardingOps(o) {
                    @Override
                    public Tensor slice(Tensor x, int axis, int start, int length) {
                        return delegate().slice(x, axis, start > 0 ? start - 1 : start, length);
                    }
                }));
        m.add(ops("mean-counts-first-axis-only", Kind.VALUES, "mean over several axes divides by the first axis's size only",
                Set.of("mean"), o -> new ForwardingOps(o) {
                    @Override
                    public Tensor mean(Tensor x, int[] axes, boolean keepDims) {
                        if (axes.length < 2 || x.shape().dim(axes[0]) == Shape.UNKNOWN) {
                            return delegate().mean(x, axes, keepDims);
                        }
                        return delegate().scale(delegate().sum(x, axes, keepDims), 1.0 / x.shape().dim(axes[0]));
                    }
                }));
        m.add(ops("conv2d-padW-is-padH", Kind.VALUES, "conv2d pads the width by the height's padding", Set.of("conv2d"),
                o -> new ForwardingOps(o) {
                    @Override
                    public Tensor conv2d(Tensor x, Tensor k, int strideH, int strideW, int padH, int padW) {
                        return delegate().conv2d(x, k, strideH, strideW, padH, padH);
                    }
                }));
        m.add(ops("conv2d-strideW-is-strideH", Kind.VALUES, "conv2d strides the width by the height's stride", Set.of("conv2d"),
                o -> new ForwardingOps(o) {
                    @Override
                    public Tensor conv2d(Tensor x, Tensor k, int strideH, int strideW, int padH, int padW) {
                        return delegate().conv2d(x, k, strideH, strideH, padH, padW);
                    }
                }));
        m.add(ops("maxPool-window-transposed", Kind.VALUES, "maxPool2d swaps the window's height and width", Set.of("maxPool2d"),
                o -> new ForwardingOps(o) {
                    @Override
                    public Tensor maxPool2d(Tensor x, int kernelH, int kernelW, int strideH, int strideW) {
                        return delegate().maxPool2d(x, kernelW, kernelH, strideH, strideW);
                    }
                }));
        m.add(ops("avgPool-stride-transposed", Kind.VALUES, "avgPool2d swaps the stride's height and width", Set.of("avgPool2d"),
                o -> new ForwardingOps(o) {
                    @Override
                    public Tensor avgPool2d(Tensor x, int kernelH, int kernelW, int strideH, int strideW) {
                        return delegate().avgPool2d(x, kernelH, kernelW, strideW, strideH);
                    }
                }));
        m.add(ops("logSoftmax-without-max-shift", Kind.VALUES, "logSoftmax computes x - log(sum(exp(x))) without subtracting the max",
                Set.of("logSoftmax"), o -> new ForwardingOps(o) {
                    @Override
                    public Tensor logSoftmax(Tensor x, int axis) {
                        Ops r = delegate();
                        return r.sub(x, r.log(r.sum(r.exp(x), new int[] {axis}, true)));
                    }
                }));
        m.add(ops("softmax-always-last-axis", Kind.VALUES, "softmax normalises over the last axis whatever axis is asked",
                Set.of("softmax"), o -> new ForwardingOps(o) {
                    @Override
                    public Tensor softmax(Tensor x, int axis) {
                        return delegate().softmax(x, -1);
                    }
                }));
        m.add(ops("layerNorm-unbiased-variance", Kind.VALUES, "layerNorm divides the variance by D - 1", Set.of("layerNorm"),
                o -> new ForwardingOps(o) {
                    @Override
                    public Tensor layerNorm(Tensor x, Tensor gamma, Tensor beta, double eps) {
                        Ops r = delegate();
                        int[] last = {-1};
                        Tensor centered = r.sub(x, r.mean(x, last, true));
                        Tensor variance = r.scale(r.sum(r.square(centered), last, true), 1.0 / (x.shape().dim(-1) - 1));
                        return r.add(r.mul(r.div(centered, r.sqrt(r.add(variance, r.scalar(eps, x.dtype())))), gamma), beta);
                    }
                }));
        m.add(ops("layerNorm-ignores-epsilon", Kind.VALUES, "layerNorm uses eps = 0", Set.of("layerNorm"), o -> new ForwardingOps(o) {
            @Override
            public Tensor layerNorm(Tensor x, Tensor gamma, Tensor beta, double eps) {
                return delegate().layerNorm(x, gamma, beta, 0);
            }
        }));
        m.add(ops("causalMask-masks-the-diagonal", Kind.VALUES, "causalMask also hides each position from itself", Set.of("causalMask"),
                o -> new ForwardingOps(o) {
                    @Override
                    public Tensor causalMask(int t, DType dtype) {
                        double[] mask = new double[t * t];
                        for (int i = 0; i < t; i++) {
                            for (int j = i; j < t; j++) {
                                mask[i * t + j] = Ops.MASKED;
                            }
                        }
                        return delegate().constant(HostTensor.fromDoubles(dtype, Shape.of(t, t), mask));
                    }
                }));
        m.add(ops("gelu-sigmoid-approximation", Kind.VALUES, "gelu computes x sigmoid(1.702 x) instead of the tanh form", Set.of("gelu"),
                o -> new ForwardingOps(o) {
                    @Override
                    public Tensor gelu(Tensor x) {
                        return delegate().mul(x, delegate().sigmoid(delegate().scale(x, 1.702)));
                    }
                }));
    }

    // ---------------------------------------------------------------- error messages

    private static void messages(List<Mutant> m) {
        m.add(ops("sub-as-add-of-neg", Kind.VALUES, "sub(a, b) computes a + (-b): right values and gradients, but a shape error names add",
                Set.of("sub"), o -> new ForwardingOps(o) {
                    @Override
                    public Tensor sub(Tensor a, Tensor b) {
                        return delegate().add(a, delegate().neg(b));
                    }
                }));
    }

    // ---------------------------------------------------------------- gradients (values stay right)

    private static void gradients(List<Mutant> m) {
        m.add(ops("sin-gradient-negated", Kind.GRADIENT, "sin's gradient is -cos", Set.of("sin"), o -> new ForwardingOps(o) {
            @Override
            public Tensor sin(Tensor x) {
                Ops r = delegate();
                return withGradientOf(r, r.sin(x), r.neg(r.sin(x)));
            }
        }));
        m.add(ops("exp-gradient-one", Kind.GRADIENT, "exp's gradient is 1", Set.of("exp"), o -> new ForwardingOps(o) {
            @Override
            public Tensor exp(Tensor x) {
                return withGradientOf(delegate(), delegate().exp(x), x);
            }
        }));
        m.add(ops("log-gradient-squared", Kind.GRADIENT, "log's gradient is 1 / x^2", Set.of("log"), o -> new ForwardingOps(o) {
            @Override
            public Tensor log(Tensor x) {
                Ops r = delegate();
                return withGradientOf(r, r.log(x), r.neg(r.div(r.scalar(1, x.dtype()), x)));
            }
        }));
        m.add(ops("sqrt-gradient-without-half", Kind.GRADIENT, "sqrt's gradient is 1 / sqrt(x)", Set.of("sqrt"), o -> new ForwardingOps(o) {
            @Override
            public Tensor sqrt(Tensor x) {
                Ops r = delegate();
                return withGradientOf(r, r.sqrt(x), r.scale(r.sqrt(x), 2));
            }
        }));
        m.add(ops("div-denominator-without-gradient", Kind.GRADIENT, "div gives no gradient to its denominator", Set.of("div"),
                o -> new ForwardingOps(o) {
                    @Override
                    public Tensor div(Tensor a, Tensor b) {
                        return delegate().div(a, delegate().stopGradient(b));
                    }
                }));
        m.add(ops("mul-second-operand-without-gradient", Kind.GRADIENT, "mul gives no gradient to its second operand", Set.of("mul"),
                o -> new ForwardingOps(o) {
                    @Override
                    public Tensor mul(Tensor a, Tensor b) {
                        return delegate().mul(a, delegate().stopGradient(b));
                    }
                }));
        m.add(ops("matmul-right-without-gradient", Kind.GRADIENT, "matmul gives no gradient to its right operand", Set.of("matmul"),
                o -> new ForwardingOps(o) {
                    @Override
                    public Tensor matmul(Tensor a, Tensor b) {
                        return delegate().matmul(a, delegate().stopGradient(b));
                    }
                }));
        m.add(ops("softmax-normaliser-constant", Kind.GRADIENT, "softmax treats its normaliser sum(exp) as a constant", Set.of("softmax"),
                o -> new ForwardingOps(o) {
                    @Override
                    public Tensor softmax(Tensor x, int axis) {
                        return softmaxWithConstantNormaliser(delegate(), x, axis);
                    }
                }));
        m.add(ops("layerNorm-mean-constant", Kind.GRADIENT, "layerNorm treats the mean it subtracts as a constant", Set.of("layerNorm"),
                o -> new ForwardingOps(o) {
                    @Override
                    public Tensor layerNorm(Tensor x, Tensor gamma, Tensor beta, double eps) {
                        Ops r = delegate();
                        int[] last = {-1};
                        Tensor centered = r.sub(x, r.stopGradient(r.mean(x, last, true)));
                        Tensor variance = r.mean(r.square(centered), last, true);
                        return r.add(r.mul(r.div(centered, r.sqrt(r.add(variance, r.scalar(eps, x.dtype())))), gamma), beta);
                    }
                }));
        m.add(ops("max-gradient-spread-evenly", Kind.GRADIENT, "max passes its gradient to every element equally, not to the maximum",
                Set.of("max"), o -> new ForwardingOps(o) {
                    @Override
                    public Tensor max(Tensor x, int[] axes, boolean keepDims) {
                        return withGradientOf(delegate(), delegate().max(x, axes, keepDims), delegate().mean(x, axes, keepDims));
                    }
                }));
        m.add(ops("gather-averages-repeated-indices", Kind.GRADIENT, "gather's table gradient averages, not sums, repeated indices",
                Set.of("gather"), o -> new ForwardingOps(o) {
                    @Override
                    public Tensor gather(Tensor table, Tensor indices) {
                        return averagedGather(delegate(), table, indices);
                    }
                }));
        m.add(ops("stopGradient-passes-the-gradient", Kind.GRADIENT, "stopGradient is the identity", Set.of("stopGradient"),
                o -> new ForwardingOps(o) {
                    @Override
                    public Tensor stopGradient(Tensor x) {
                        return delegate().add(x, delegate().scalar(0, x.dtype()));
                    }
                }));
        m.add(ops("conv2d-kernel-without-gradient", Kind.GRADIENT, "conv2d gives no gradient to its kernel", Set.of("conv2d"),
                o -> new ForwardingOps(o) {
                    @Override
                    public Tensor conv2d(Tensor x, Tensor k, int strideH, int strideW, int padH, int padW) {
                        return delegate().conv2d(x, delegate().stopGradient(k), strideH, strideW, padH, padW);
                    }
                }));
    }

    // ---------------------------------------------------------------- FLOAT32 only

    private static void float32Only(List<Mutant> m) {
        m.add(ops("f32-softmax-normaliser-constant", Kind.FLOAT32_ONLY, "in FLOAT32, softmax treats its normaliser as a constant",
                Set.of("softmax"), o -> new ForwardingOps(o) {
                    @Override
                    public Tensor softmax(Tensor x, int axis) {
                        return isFloat32(x) ? softmaxWithConstantNormaliser(delegate(), x, axis) : delegate().softmax(x, axis);
                    }
                }));
        m.add(ops("f32-gather-averages-repeated-indices", Kind.FLOAT32_ONLY, "in FLOAT32, gather's gradient averages repeated indices",
                Set.of("gather"), o -> new ForwardingOps(o) {
                    @Override
                    public Tensor gather(Tensor table, Tensor indices) {
                        return isFloat32(table) ? averagedGather(delegate(), table, indices) : delegate().gather(table, indices);
                    }
                }));
        m.add(ops("f32-logSoftmax-normaliser-constant", Kind.FLOAT32_ONLY, "in FLOAT32, logSoftmax treats log(sum(exp)) as a constant",
                Set.of("logSoftmax"), o -> new ForwardingOps(o) {
                    @Override
                    public Tensor logSoftmax(Tensor x, int axis) {
                        if (!isFloat32(x)) {
                            return delegate().logSoftmax(x, axis);
                        }
                        Ops r = delegate();
                        int[] ax = {axis};
                        Tensor shifted = r.sub(x, r.stopGradient(r.max(x, ax, true)));
                        return r.sub(shifted, r.stopGradient(r.log(r.sum(r.exp(shifted), ax, true))));
                    }
                }));
        m.add(ops("f32-tanh-gradient-doubled", Kind.FLOAT32_ONLY, "in FLOAT32, tanh's gradient is twice 1 - tanh^2", Set.of("tanh"),
                o -> new ForwardingOps(o) {
                    @Override
                    public Tensor tanh(Tensor x) {
                        Ops r = delegate();
                        return isFloat32(x) ? withGradientOf(r, r.tanh(x), r.scale(r.tanh(x), 2)) : r.tanh(x);
                    }
                }));
        m.add(ops("f32-mean-gradient-not-divided", Kind.FLOAT32_ONLY, "in FLOAT32, mean's gradient is sum's (not divided by the count)",
                Set.of("mean"), o -> new ForwardingOps(o) {
                    @Override
                    public Tensor mean(Tensor x, int[] axes, boolean keepDims) {
                        Ops r = delegate();
                        return isFloat32(x) ? withGradientOf(r, r.mean(x, axes, keepDims), r.sum(x, axes, keepDims)) : r.mean(x, axes, keepDims);
                    }
                }));
        m.add(ops("f32-matmul-left-without-gradient", Kind.FLOAT32_ONLY, "in FLOAT32, matmul gives no gradient to its left operand",
                Set.of("matmul"), o -> new ForwardingOps(o) {
                    @Override
                    public Tensor matmul(Tensor a, Tensor b) {
                        return delegate().matmul(isFloat32(a) ? delegate().stopGradient(a) : a, b);
                    }
                }));
    }

    // ---------------------------------------------------------------- the unknown batch axis

    private static void batchDimension(List<Mutant> m) {
        m.add(ops("batch-add-broadcast-operand-without-gradient", Kind.BATCH_DIMENSION,
                "add gives no gradient to an operand broadcast along the unknown batch axis (biases never train)", Set.of("add", "matmul"),
                o -> new ForwardingOps(o) {
                    @Override
                    public Tensor add(Tensor a, Tensor b) {
                        Ops r = delegate();
                        if (isBatched(a) != isBatched(b)) {
                            return isBatched(a) ? r.add(a, r.stopGradient(b)) : r.add(r.stopGradient(a), b);
                        }
                        return r.add(a, b);
                    }
                }));
        m.add(ops("batch-mul-broadcast-operand-without-gradient", Kind.BATCH_DIMENSION,
                "mul gives no gradient to an operand broadcast along the unknown batch axis", Set.of("mul"), o -> new ForwardingOps(o) {
                    @Override
                    public Tensor mul(Tensor a, Tensor b) {
                        Ops r = delegate();
                        if (isBatched(a) != isBatched(b)) {
                            return isBatched(a) ? r.mul(a, r.stopGradient(b)) : r.mul(r.stopGradient(a), b);
                        }
                        return r.mul(a, b);
                    }
                }));
        m.add(ops("batch-mean-over-batch-not-divided", Kind.BATCH_DIMENSION, "mean over the unknown batch axis sums over it instead",
                Set.of("mean"), o -> new ForwardingOps(o) {
                    @Override
                    public Tensor mean(Tensor x, int[] axes, boolean keepDims) {
                        Ops r = delegate();
                        Tensor right = r.mean(x, axes, keepDims);
                        List<Integer> others = new ArrayList<>();
                        boolean overBatch = axes.length == 0;
                        for (int i = 1; i < x.shape().rank(); i++) {
                            others.add(i);
                        }
                        for (int a : axes) {
                            overBatch |= x.shape().normalizeAxis(a) == 0;
                        }
                        if (!isBatched(x) || !overBatch) {
                            return right;
                        }
                        if (axes.length > 0) {
                            others.removeIf(i -> java.util.Arrays.stream(axes).noneMatch(a -> x.shape().normalizeAxis(a) == i));
                        }
                        Tensor partial = others.isEmpty() ? x : r.mean(x, others.stream().mapToInt(Integer::intValue).toArray(), true);
                        return r.reshape(r.sum(partial, new int[] {0}, true), right.shape());
                    }
                }));
        m.add(ops("batch-sum-reads-first-example", Kind.BATCH_DIMENSION, "sum over the unknown batch axis reads only the first example",
                Set.of("sum"), o -> new ForwardingOps(o) {
                    @Override
                    public Tensor sum(Tensor x, int[] axes, boolean keepDims) {
                        boolean overBatch = axes.length == 0;
                        for (int a : axes) {
                            overBatch |= x.shape().normalizeAxis(a) == 0;
                        }
                        Tensor right = delegate().sum(x, axes, keepDims);
                        if (!isBatched(x) || !overBatch) {
                            return right;
                        }
                        return delegate().reshape(delegate().sum(delegate().slice(x, 0, 0, 1), axes, keepDims), right.shape());
                    }
                }));
        m.add(ops("batch-matmul-weights-without-gradient", Kind.BATCH_DIMENSION,
                "matmul of a batched input by fixed weights gives the weights no gradient", Set.of("matmul"), o -> new ForwardingOps(o) {
                    @Override
                    public Tensor matmul(Tensor a, Tensor b) {
                        return isBatched(a) && !isBatched(b) ? delegate().matmul(a, delegate().stopGradient(b)) : delegate().matmul(a, b);
                    }
                }));
        m.add(ops("batch-mseLoss-sums-over-batch", Kind.BATCH_DIMENSION, "mseLoss sums over the unknown batch axis instead of averaging",
                Set.of("mseLoss"), o -> new ForwardingOps(o) {
                    @Override
                    public Tensor mseLoss(Tensor prediction, Tensor target) {
                        Ops r = delegate();
                        if (!isBatched(prediction) || prediction.shape().rank() < 2) {
                            return r.mseLoss(prediction, target);
                        }
                        int[] others = java.util.stream.IntStream.range(1, prediction.shape().rank()).toArray();
                        return r.sum(r.mean(r.square(r.sub(prediction, target)), others, false), new int[0], false);
                    }
                }));
    }

    // ---------------------------------------------------------------- optimizer and train steps

    private static void optimizer(List<Mutant> m) {
        m.add(step("learning-rate-ignored", "train steps use a fixed learning rate of 1e-3 whatever run() is given",
                (s, in, loss, tr, opt) -> new ForwardingStep(s.compileTrainStep(in, loss, tr, opt)) {
                    @Override
                    public double run(List<HostTensor> inputs, double learningRate) {
                        return super.run(inputs, 1e-3);
                    }
                }));
        m.add(step("adam-beta2-is-beta1", "Adam and AdamW decay the second moment with beta1", (s, in, loss, tr, opt) -> s.compileTrainStep(in,
                loss, tr, opt instanceof OptimizerSpec.Adam a ? new OptimizerSpec.Adam(a.beta1(), a.beta1(), a.epsilon())
                        : opt instanceof OptimizerSpec.AdamW w ? new OptimizerSpec.AdamW(w.beta1(), w.beta1(), w.epsilon(), w.weightDecay()) : opt)));
        m.add(step("adam-epsilon-fixed", "Adam and AdamW use epsilon 1e-8 whatever the spec says", (s, in, loss, tr, opt) -> s.compileTrainStep(in,
                loss, tr, opt instanceof OptimizerSpec.Adam a ? new OptimizerSpec.Adam(a.beta1(), a.beta2(), 1e-8)
                        : opt instanceof OptimizerSpec.AdamW w ? new OptimizerSpec.AdamW(w.beta1(), w.beta2(), 1e-8, w.weightDecay()) : opt)));
        m.add(step("adamW-without-weight-decay", "AdamW runs as plain Adam", (s, in, loss, tr, opt) -> s.compileTrainStep(in, loss, tr,
                opt instanceof OptimizerSpec.AdamW w ? new OptimizerSpec.Adam(w.beta1(), w.beta2(), w.epsilon()) : opt)));
        m.add(step("sgd-momentum-ignored", "SGD drops its momentum", (s, in, loss, tr, opt) -> s.compileTrainStep(in, loss, tr,
                opt instanceof OptimizerSpec.Sgd g ? new OptimizerSpec.Sgd(0, g.weightDecay()) : opt)));
        m.add(step("sgd-weight-decay-ignored", "SGD drops its weight decay", (s, in, loss, tr, opt) -> s.compileTrainStep(in, loss, tr,
                opt instanceof OptimizerSpec.Sgd g ? new OptimizerSpec.Sgd(g.momentum(), 0) : opt)));
        m.add(step("frozen-parameters-trained", "train steps update every parameter, frozen ones included",
                (s, in, loss, tr, opt) -> s.compileTrainStep(in, loss, s.names(), opt)));
        m.add(step("step-count-off-by-one", "stepCount() counts one step more than were run",
                (s, in, loss, tr, opt) -> new ForwardingStep(s.compileTrainStep(in, loss, tr, opt)) {
                    @Override
                    public long stepCount() {
                        return super.stepCount() + 1;
                    }
                }));
    }

    /** A train step that forwards to another: the base of the train-step mutants. */
    private static class ForwardingStep implements CompiledTrainStep {
        private final CompiledTrainStep real;

        ForwardingStep(CompiledTrainStep real) {
            this.real = real;
        }

        @Override
        public double run(List<HostTensor> inputs, double learningRate) {
            return real.run(inputs, learningRate);
        }

        @Override
        public long stepCount() {
            return real.stepCount();
        }

        @Override
        public OptimizerState exportState() {
            return real.exportState();
        }

        @Override
        public void importState(OptimizerState state) {
            real.importState(state);
        }

        @Override
        public void close() {
            real.close();
        }
    }

    // ---------------------------------------------------------------- architecture

    private static void architecture(List<Mutant> m) {
        m.add(network("readout-off-by-one", "readout l reads h_{l-1} instead of h_l", n -> new RewiredNetwork(n) {
            @Override
            public List<Tensor> readouts(Ops ops, Parameters p, Tensor x, int k, boolean layerLocal) {
                List<Tensor> out = new ArrayList<>();
                Tensor h = stem(ops, p, x);
                for (int l = 1; l <= k; l++) {
                    Tensor in = layerLocal && l >= 2 ? ops.stopGradient(h) : h;
                    out.add(head(ops, p, in));
                    h = ops.add(in, block(l, ops, p, in));
                }
                return out;
            }
        }));
        m.add(network("no-residual-connections", "h_l = block_l(h_{l-1}) instead of h_{l-1} + block_l(h_{l-1})", n -> new RewiredNetwork(n) {
            @Override
            public List<Tensor> readouts(Ops ops, Parameters p, Tensor x, int k, boolean layerLocal) {
                List<Tensor> out = new ArrayList<>();
                Tensor h = stem(ops, p, x);
                for (int l = 1; l <= k; l++) {
                    h = block(l, ops, p, layerLocal && l >= 2 ? ops.stopGradient(h) : h);
                    out.add(head(ops, p, h));
                }
                return out;
            }
        }));
        m.add(network("readout-one-block-too-deep", "readout l reads h_{l+1} (the last depth reads h_L)", n -> new RewiredNetwork(n) {
            @Override
            public List<Tensor> readouts(Ops ops, Parameters p, Tensor x, int k, boolean layerLocal) {
                List<Tensor> states = new ArrayList<>();
                Tensor h = stem(ops, p, x);
                for (int l = 1; l <= Math.min(k + 1, depth()); l++) {
                    h = ops.add(h, block(l, ops, p, h));
                    states.add(h);
                }
                List<Tensor> out = new ArrayList<>();
                for (int l = 1; l <= k; l++) {
                    out.add(head(ops, p, states.get(Math.min(l, states.size() - 1))));
                }
                return out;
            }
        }));
        m.add(network("block-reads-the-next-blocks-weights", "block l (l < L) computes with block l+1's parameters",
                n -> new ForwardingNetwork(n) {
                    @Override
                    public Tensor block(int l, Ops ops, Parameters p, Tensor h) {
                        return real().block(Math.min(l + 1, depth()), ops, p, h);
                    }
                }));
    }

    /** A network whose readouts are rewired by the mutant; {@code readout(k)} follows them. */
    private abstract static class RewiredNetwork extends ForwardingNetwork {
        RewiredNetwork(ResidualNetwork real) {
            super(real);
        }

        @Override
        public abstract List<Tensor> readouts(Ops ops, Parameters p, Tensor x, int k, boolean layerLocal);

        @Override
        public Tensor readout(Ops ops, Parameters p, Tensor x, int k) {
            return readouts(ops, p, x, k, false).get(k - 1);
        }
    }

    // ---------------------------------------------------------------- equivalent

    private static void equivalent(List<Mutant> m) {
        m.add(ops("square-as-mul", Kind.VALUES, "square(x) computes mul(x, x) instead of the engine's own square", Set.of("square"),
                o -> new ForwardingOps(o) {
                    @Override
                    public Tensor square(Tensor x) {
                        return delegate().mul(x, x);
                    }
                }).equivalent("x * x is the same IEEE result as x^2, and 2x the same gradient"));
        m.add(ops("softmax-as-exp-of-logSoftmax", Kind.VALUES, "softmax computes exp(logSoftmax(x))", Set.of("softmax"),
                o -> new ForwardingOps(o) {
                    @Override
                    public Tensor softmax(Tensor x, int axis) {
                        return delegate().exp(delegate().logSoftmax(x, axis));
                    }
                }).equivalent("the same function with the same gradient; the two roundings differ by a few ulps, far inside the tolerances"));
        m.add(ops("mean-as-scaled-sum", Kind.VALUES, "mean over axes of known size computes sum * (1 / count)", Set.of("mean"),
                o -> new ForwardingOps(o) {
                    @Override
                    public Tensor mean(Tensor x, int[] axes, boolean keepDims) {
                        long count = 1;
                        int[] all = axes.length == 0 ? java.util.stream.IntStream.range(0, x.shape().rank()).toArray() : axes;
                        for (int a : all) {
                            int d = x.shape().dim(a);
                            if (d == Shape.UNKNOWN) {
                                return delegate().mean(x, axes, keepDims);
                            }
                            count *= d;
                        }
                        return delegate().scale(delegate().sum(x, axes, keepDims), 1.0 / count);
                    }
                }).equivalent("the mean is the sum times the reciprocal of the count, up to one rounding"));
    }

    // ---------------------------------------------------------------- helpers

    private static Mutant ops(String name, Kind kind, String plants, Set<String> ops, UnaryOperator<Ops> mutation) {
        return new Mutant(name, kind, plants, EnumSet.of(Suite.OPS, Suite.GRADIENTS), ops,
                real -> new MutantBackend(real, plants, mutation, MutantBackend.UNCHANGED_STEPS), n -> n, null);
    }

    private static Mutant step(String name, String plants, MutantBackend.TrainStepCompiler steps) {
        return new Mutant(name, Kind.OPTIMIZER, plants, EnumSet.of(Suite.OPTIMIZER), Set.of(),
                real -> new MutantBackend(real, plants, o -> o, steps), n -> n, null);
    }

    private static Mutant network(String name, String plants, UnaryOperator<ResidualNetwork> network) {
        return new Mutant(name, Kind.ARCHITECTURE, plants, EnumSet.of(Suite.STRUCTURE), Set.of(), b -> b, network, null);
    }

    /** The value of {@code value} with the gradient of {@code carrier}. */
    static Tensor withGradientOf(Ops real, Tensor value, Tensor carrier) {
        return real.add(real.stopGradient(real.sub(value, carrier)), carrier);
    }

    private static boolean isFloat32(Tensor t) {
        return t.dtype() == DType.FLOAT32;
    }

    private static boolean isBatched(Tensor t) {
        return t.shape().rank() > 0 && t.shape().dim(0) == Shape.UNKNOWN;
    }

    private static Tensor softmaxWithConstantNormaliser(Ops r, Tensor x, int axis) {
        int[] ax = {axis};
        Tensor e = r.exp(r.sub(x, r.stopGradient(r.max(x, ax, true))));
        return r.div(e, r.stopGradient(r.sum(e, ax, true)));
    }

    /** gather whose table gradient is divided, per use, by how often the index occurs: repeated rows are averaged. */
    private static Tensor averagedGather(Ops r, Tensor table, Tensor indices) {
        Tensor rows = r.gather(table, indices);
        Tensor hot = r.oneHot(indices, table.shape().dim(0), table.dtype());
        int[] indexAxes = java.util.stream.IntStream.range(0, indices.shape().rank()).toArray();
        Tensor counts = r.sum(hot, indexAxes, false);
        Tensor uses = r.sum(r.mul(hot, counts), new int[] {-1}, true);
        return withGradientOf(r, rows, r.div(rows, uses));
    }
}
