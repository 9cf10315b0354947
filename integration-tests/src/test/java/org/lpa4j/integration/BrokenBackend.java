package org.lpa4j.integration;

import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.lpa4j.api.backend.Backend;
import org.lpa4j.api.backend.Capability;
import org.lpa4j.api.compile.CompiledForward;
import org.lpa4j.api.compile.CompiledGradient;
import org.lpa4j.api.compile.CompiledTrainStep;
import org.lpa4j.api.compile.ForwardFunction;
import org.lpa4j.api.compile.InputSpec;
import org.lpa4j.api.compile.LossFunction;
import org.lpa4j.api.compile.OptimizerSpec;
import org.lpa4j.api.compile.VariableStore;
import org.lpa4j.api.ops.Ops;
import org.lpa4j.api.params.ParameterSet;
import org.lpa4j.api.tensor.DType;
import org.lpa4j.api.tensor.HostTensor;
import org.lpa4j.api.tensor.Shape;
import org.lpa4j.api.tensor.Tensor;

/**
 * A deliberately broken decorator over a real backend, which the conformance suite must catch: {@code sin} has the
 * right value but the gradient of the identity, {@code tanh} has the right gradient but a value 1e-3 too large
 * (relative). Everything else, composites included, is delegated to the real backend's {@code Ops}.
 */
final class BrokenBackend implements Backend {
    /** How far off tanh's value is, relative. */
    static final double TANH_ERROR = 1e-3;

    private final Backend real;

    BrokenBackend(Backend real) {
        this.real = Objects.requireNonNull(real, "real is null");
    }

    @Override
    public String name() {
        return real.name();
    }

    @Override
    public String engineVersion() {
        return real.engineVersion() + " (deliberately broken sin gradient and tanh value)";
    }

    @Override
    public Set<Capability> capabilities() {
        return real.capabilities();
    }

    @Override
    public VariableStore createVariables(ParameterSet initial) {
        return new Store(real.createVariables(initial));
    }

    @Override
    public void close() {
        real.close();
    }

    /** Hands every traced function the broken {@code Ops} instead of the real one. */
    private static final class Store implements VariableStore {
        private final VariableStore real;

        Store(VariableStore real) {
            this.real = real;
        }

        @Override
        public Set<String> names() {
            return real.names();
        }

        @Override
        public ParameterSet export() {
            return real.export();
        }

        @Override
        public void load(ParameterSet values) {
            real.load(values);
        }

        @Override
        public CompiledForward compileForward(List<InputSpec> inputs, ForwardFunction function) {
            return real.compileForward(inputs, (ops, p, xs) -> function.apply(new BrokenOps(ops), p, xs));
        }

        @Override
        public CompiledGradient compileGradient(List<InputSpec> inputs, LossFunction loss, Set<String> wrt) {
            return real.compileGradient(inputs, (ops, p, xs) -> loss.apply(new BrokenOps(ops), p, xs), wrt);
        }

        @Override
        public CompiledTrainStep compileTrainStep(List<InputSpec> inputs, LossFunction loss, Set<String> trainable, OptimizerSpec optimizer) {
            return real.compileTrainStep(inputs, (ops, p, xs) -> loss.apply(new BrokenOps(ops), p, xs), trainable, optimizer);
        }

        @Override
        public void close() {
            real.close();
        }
    }

    /** The real {@code Ops} with two faults; every other method, composites included, goes to the real one. */
    private static final class BrokenOps implements Ops {
        private final Ops real;

        BrokenOps(Ops real) {
            this.real = real;
        }

        /** Fault 1: sin(x) in value, but the gradient of x. */
        @Override
        public Tensor sin(Tensor x) {
            return real.add(real.stopGradient(real.sub(real.sin(x), x)), x);
        }

        /** Fault 2: tanh(x) (1 + 1e-3) in value, with tanh's own gradient. */
        @Override
        public Tensor tanh(Tensor x) {
            Tensor t = real.tanh(x);
            return real.add(t, real.stopGradient(real.scale(t, TANH_ERROR)));
        }

        @Override
        public Tensor constant(HostTensor value) {
            return real.constant(value);
        }

        @Override
        public Tensor add(Tensor a, Tensor b) {
            return real.add(a, b);
        }

        @Override
        public Tensor sub(Tensor a, Tensor b) {
            return real.sub(a, b);
        }

        @Override
        public Tensor mul(Tensor a, Tensor b) {
            return real.mul(a, b);
        }

        @Override
        public Tensor div(Tensor a, Tensor b) {
            return real.div(a, b);
        }

        @Override
        public Tensor exp(Tensor x) {
            return real.exp(x);
        }

        @Override
        public Tensor log(Tensor x) {
            return real.log(x);
        }

        @Override
        public Tensor sqrt(Tensor x) {
            return real.sqrt(x);
        }

        @Override
        public Tensor relu(Tensor x) {
            return real.relu(x);
        }

        @Override
        public Tensor matmul(Tensor a, Tensor b) {
            return real.matmul(a, b);
        }

        @Override
        public Tensor reshape(Tensor x, Shape shape) {
            return real.reshape(x, shape);
        }

        @Override
        public Tensor transpose(Tensor x, int... perm) {
            return real.transpose(x, perm);
        }

        @Override
        public Tensor concat(List<Tensor> xs, int axis) {
            return real.concat(xs, axis);
        }

        @Override
        public Tensor slice(Tensor x, int axis, int start, int length) {
            return real.slice(x, axis, start, length);
        }

        @Override
        public Tensor gather(Tensor table, Tensor indices) {
            return real.gather(table, indices);
        }

        @Override
        public Tensor sum(Tensor x, int[] axes, boolean keepDims) {
            return real.sum(x, axes, keepDims);
        }

        @Override
        public Tensor mean(Tensor x, int[] axes, boolean keepDims) {
            return real.mean(x, axes, keepDims);
        }

        @Override
        public Tensor max(Tensor x, int[] axes, boolean keepDims) {
            return real.max(x, axes, keepDims);
        }

        @Override
        public Tensor conv2d(Tensor x, Tensor kernel, int strideH, int strideW, int padH, int padW) {
            return real.conv2d(x, kernel, strideH, strideW, padH, padW);
        }

        @Override
        public Tensor maxPool2d(Tensor x, int kernelH, int kernelW, int strideH, int strideW) {
            return real.maxPool2d(x, kernelH, kernelW, strideH, strideW);
        }

        @Override
        public Tensor avgPool2d(Tensor x, int kernelH, int kernelW, int strideH, int strideW) {
            return real.avgPool2d(x, kernelH, kernelW, strideH, strideW);
        }

        @Override
        public Tensor stopGradient(Tensor x) {
            return real.stopGradient(x);
        }

        @Override
        public Tensor oneHot(Tensor indices, int depth, DType dtype) {
            return real.oneHot(indices, depth, dtype);
        }

        @Override
        public Tensor cast(Tensor x, DType dtype) {
            return real.cast(x, dtype);
        }

        // Composites: the real backend's own, so only sin and tanh are wrong.

        @Override
        public Tensor scalar(double value, DType dtype) {
            return real.scalar(value, dtype);
        }

        @Override
        public Tensor neg(Tensor x) {
            return real.neg(x);
        }

        @Override
        public Tensor scale(Tensor x, double c) {
            return real.scale(x, c);
        }

        @Override
        public Tensor square(Tensor x) {
            return real.square(x);
        }

        @Override
        public Tensor sigmoid(Tensor x) {
            return real.sigmoid(x);
        }

        @Override
        public Tensor gelu(Tensor x) {
            return real.gelu(x);
        }

        @Override
        public Tensor logSoftmax(Tensor x, int axis) {
            return real.logSoftmax(x, axis);
        }

        @Override
        public Tensor softmax(Tensor x, int axis) {
            return real.softmax(x, axis);
        }

        @Override
        public Tensor layerNorm(Tensor x, Tensor gamma, Tensor beta, double eps) {
            return real.layerNorm(x, gamma, beta, eps);
        }

        @Override
        public Tensor globalAvgPool2d(Tensor x) {
            return real.globalAvgPool2d(x);
        }

        @Override
        public Tensor mseLoss(Tensor prediction, Tensor target) {
            return real.mseLoss(prediction, target);
        }

        @Override
        public Tensor softmaxCrossEntropy(Tensor logits, Tensor labels) {
            return real.softmaxCrossEntropy(logits, labels);
        }

        @Override
        public Tensor softmaxCrossEntropyWithProbabilities(Tensor logits, Tensor probabilities) {
            return real.softmaxCrossEntropyWithProbabilities(logits, probabilities);
        }

        @Override
        public Tensor causalMask(int t, DType dtype) {
            return real.causalMask(t, dtype);
        }
    }
}
