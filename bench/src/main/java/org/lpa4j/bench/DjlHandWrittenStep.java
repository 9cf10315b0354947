package org.lpa4j.bench;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import java.util.ArrayList;
import java.util.List;
import org.lpa4j.api.params.ParameterSet;
import org.lpa4j.api.tensor.HostTensor;

/**
 * The {@link BenchMlp} train step written directly on DJL with PyTorch, as a DJL user would write it without lpa4j:
 * parameters are long-lived {@code NDArray}s with gradients attached, each step runs in an {@code NDScope}, the forward
 * pass under a {@code GradientCollector}, and Adam is DJL's fused PyTorch kernel ({@code NDArrayEx.adamUpdate}, the one
 * behind {@code Optimizer.adam()}, which also zeroes the gradient). The kernel uses the "epsilon hat" form, so it is given
 * {@code eps sqrt(1 - b2^t)} to apply exactly the Adam of {@code OptimizerSpec}.
 */
public final class DjlHandWrittenStep implements HandWrittenStep {
    private static final float BETA1 = 0.9f;
    private static final float BETA2 = 0.999f;
    private static final double EPSILON = 1e-8;

    private Engine engine;
    private NDManager manager;
    private final List<NDArray> weights = new ArrayList<>();
    private final List<NDArray> means = new ArrayList<>();
    private final List<NDArray> variances = new ArrayList<>();
    private long t;

    @Override
    public String backend() {
        return "djl";
    }

    @Override
    public void init(ParameterSet initial) {
        // PyTorch's threads per op are process-wide: the djl backend, opened first by the bench, has set its EngineThreads policy.
        // DJL must not reach the network (telemetry, native downloads): set before the first Engine call.
        System.setProperty("ai.djl.offline", "true");
        System.setProperty("OPT_OUT_TRACKING", "true");
        engine = Engine.getEngine("PyTorch");
        manager = engine.newBaseManager();
        add(initial, "stem");
        for (int l = 1; l <= BenchMlp.BLOCKS; l++) {
            add(initial, "block" + l + ".fc1");
            add(initial, "block" + l + ".fc2");
        }
        add(initial, "head");
        t = 0;
    }

    private void add(ParameterSet initial, String layer) {
        for (String part : new String[] {".weight", ".bias"}) {
            HostTensor value = initial.get(layer + part);
            long[] dims = java.util.Arrays.stream(value.shape().dims()).asLongStream().toArray();
            NDArray w = manager.create(value.toFloatArray(), new Shape(dims));
            w.setRequiresGradient(true);
            weights.add(w);
            means.add(manager.zeros(w.getShape()));
            variances.add(manager.zeros(w.getShape()));
        }
    }

    private NDArray dense(NDArray x, int layer) {
        return x.matMul(weights.get(2 * layer)).add(weights.get(2 * layer + 1));
    }

    @Override
    public double step(HostTensor x, HostTensor y, double learningRate) {
        try (NDScope scope = new NDScope(); NDManager batch = manager.newSubManager()) {
            scope.suppressNotUsedWarning();
            NDArray input = batch.create(x.floatsUnsafe(), new Shape(x.shape().dim(0), BenchMlp.INPUT));
            NDArray target = batch.create(y.floatsUnsafe(), new Shape(y.shape().dim(0), 1));
            NDArray loss;
            try (GradientCollector collector = engine.newGradientCollector()) {
                NDArray h = dense(input, 0);
                for (int l = 1; l <= BenchMlp.BLOCKS; l++) {
                    h = h.add(dense(dense(h, 2 * l - 1).getNDArrayInternal().relu(), 2 * l));
                }
                loss = dense(h, 2 * BenchMlp.BLOCKS + 1).sub(target).square().mean();
                collector.backward(loss);
            }
            float value = loss.getFloat();
            t++;
            double c1 = 1 - Math.pow(BETA1, t);
            double c2 = 1 - Math.pow(BETA2, t);
            float lr = (float) (learningRate * Math.sqrt(c2) / c1);
            float eps = (float) (EPSILON * Math.sqrt(c2));
            for (int i = 0; i < weights.size(); i++) {
                NDArray w = weights.get(i);
                NDArray gradient = w.getGradient();
                w.getNDArrayInternal().adamUpdate(new NDList(w, gradient, means.get(i), variances.get(i)), new NDList(w),
                        (float) learningRate, lr, 0f, 1f, -1f, BETA1, BETA2, eps, false, false);
                // PyTorch adds each backward pass's gradient to the leaf's: zero it the way DJL's own
                // GradientCollector.zeroGradients does, or every later step would follow the sum of all earlier gradients.
                gradient.subi(gradient);
            }
            return value;
        }
    }

    @Override
    public Runnable product(HostTensor a, HostTensor b) {
        NDArray left = manager.create(a.floatsUnsafe(), new Shape(a.shape().dim(0), a.shape().dim(1)));
        NDArray right = manager.create(b.floatsUnsafe(), new Shape(b.shape().dim(0), b.shape().dim(1)));
        // PyTorch on the CPU returns once the product is computed.
        return () -> left.matMul(right).close();
    }

    @Override
    public void close() {
        weights.clear();
        means.clear();
        variances.clear();
        if (manager != null) {
            manager.close();
            manager = null;
        }
    }
}
