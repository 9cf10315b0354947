package org.lpa4j.bench;

import java.util.ArrayList;
import java.util.List;
import org.lpa4j.api.params.ParameterSet;
import org.lpa4j.api.spi.EngineThreads;
import org.lpa4j.api.tensor.HostTensor;
import org.lpa4j.backend.tensorflow.TensorFlowBackendProvider;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.op.Op;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.op.core.Variable;
import org.tensorflow.op.core.Gradients;
import org.tensorflow.proto.ConfigProto;
import org.tensorflow.types.TFloat32;

/**
 * The {@link BenchMlp} Adam step written directly on TensorFlow Java 1.1.0 in graph mode, the way a TensorFlow user
 * writes it without lpa4j: typed {@code Ops}, variables created from their initial values, {@code tf.gradients}, and
 * the fused {@code ApplyAdam} kernel with beta-power variables (TensorFlow's own Adam, "epsilon hat" form), all
 * built once; each step feeds the batch and the learning rate and fetches the loss in one session run.
 */
public final class TensorFlowHandWrittenStep implements HandWrittenStep {
    private static final float BETA1 = 0.9f;
    private static final float BETA2 = 0.999f;
    private static final float EPSILON = 1e-8f;

    private Graph graph;
    private Session session;
    private Placeholder<TFloat32> x;
    private Placeholder<TFloat32> y;
    private Placeholder<TFloat32> learningRate;
    private Operand<TFloat32> loss;
    private Op train;
    private Graph productGraph;
    private Session productSession;
    private List<TFloat32> productOperands;

    @Override
    public String backend() {
        return "tensorflow";
    }

    @Override
    public void init(ParameterSet initial) {
        graph = new Graph();
        Ops tf = Ops.create(graph);
        x = tf.placeholder(TFloat32.class, Placeholder.shape(Shape.of(-1, BenchMlp.INPUT)));
        y = tf.placeholder(TFloat32.class, Placeholder.shape(Shape.of(-1, 1)));
        learningRate = tf.placeholder(TFloat32.class, Placeholder.shape(Shape.scalar()));

        List<Variable<TFloat32>> variables = new ArrayList<>();
        Operand<TFloat32> h = dense(tf, x, "stem", initial, variables);
        for (int l = 1; l <= BenchMlp.BLOCKS; l++) {
            Operand<TFloat32> inner = tf.nn.relu(dense(tf, h, "block" + l + ".fc1", initial, variables));
            h = tf.math.add(h, dense(tf, inner, "block" + l + ".fc2", initial, variables));
        }
        Operand<TFloat32> prediction = dense(tf, h, "head", initial, variables);
        loss = tf.math.mean(tf.math.square(tf.math.sub(prediction, y)), tf.constant(new int[] {0, 1}));

        Gradients gradients = tf.gradients(loss, variables);
        Variable<TFloat32> beta1Power = tf.variable(tf.constant(BETA1));
        Variable<TFloat32> beta2Power = tf.variable(tf.constant(BETA2));
        Operand<TFloat32> beta1 = tf.constant(BETA1);
        Operand<TFloat32> beta2 = tf.constant(BETA2);
        Operand<TFloat32> epsilon = tf.constant(EPSILON);
        // The variables are updated in place, so every update waits for all gradients (which read them).
        List<Op> gradientOps = new ArrayList<>();
        List<Operand<TFloat32>> grads = new ArrayList<>();
        for (int i = 0; i < variables.size(); i++) {
            org.tensorflow.op.core.Identity<TFloat32> g = tf.identity(gradients.dy(i).expect(TFloat32.class));
            gradientOps.add(g);
            grads.add(g);
        }
        Ops afterGradients = tf.withControlDependencies(gradientOps);
        List<Op> applies = new ArrayList<>();
        for (int i = 0; i < variables.size(); i++) {
            Variable<TFloat32> v = variables.get(i);
            Operand<TFloat32> zeros = tf.zeros(tf.constant(v.shape()), TFloat32.class);
            Variable<TFloat32> m = tf.variable(zeros);
            Variable<TFloat32> s = tf.variable(zeros);
            applies.add(afterGradients.train.applyAdam(v, m, s, beta1Power, beta2Power, learningRate, beta1, beta2, epsilon, grads.get(i)));
        }
        Ops afterApply = tf.withControlDependencies(applies);
        List<Op> finish = new ArrayList<>(applies);
        finish.add(afterApply.assign(beta1Power, afterApply.math.mul(beta1Power, beta1)));
        finish.add(afterApply.assign(beta2Power, afterApply.math.mul(beta2Power, beta2)));
        train = tf.withControlDependencies(finish).noOp();

        session = new Session(graph, sessionConfig());
        session.initialize();
    }

    private static Operand<TFloat32> dense(Ops tf, Operand<TFloat32> in, String name, ParameterSet initial, List<Variable<TFloat32>> out) {
        Variable<TFloat32> w = variable(tf, initial.get(name + ".weight"));
        Variable<TFloat32> b = variable(tf, initial.get(name + ".bias"));
        out.add(w);
        out.add(b);
        return tf.math.add(tf.linalg.matMul(in, w), b);
    }

    private static Variable<TFloat32> variable(Ops tf, HostTensor value) {
        long[] dims = java.util.Arrays.stream(value.shape().dims()).asLongStream().toArray();
        return tf.variable(tf.constant(Shape.of(dims), DataBuffers.of(value.toFloatArray(), true, false)));
    }

    @Override
    public double step(HostTensor xs, HostTensor ys, double lr) {
        try (TFloat32 xt = TFloat32.tensorOf(Shape.of(xs.shape().dim(0), BenchMlp.INPUT), DataBuffers.of(xs.floatsUnsafe(), true, false));
             TFloat32 yt = TFloat32.tensorOf(Shape.of(ys.shape().dim(0), 1), DataBuffers.of(ys.floatsUnsafe(), true, false));
             TFloat32 lrt = TFloat32.scalarOf((float) lr);
             Result r = session.runner().feed(x, xt).feed(y, yt).feed(learningRate, lrt).fetch(loss).addTarget(train).run()) {
            return ((TFloat32) r.get(0)).getFloat();
        }
    }

    /** The session configuration the tensorflow backend uses: its {@link EngineThreads} policy's intra-op and inter-op threads. */
    private static ConfigProto sessionConfig() {
        EngineThreads threads = EngineThreads.resolve(TensorFlowBackendProvider.THREADS_PROPERTY);
        return ConfigProto.newBuilder().setIntraOpParallelismThreads(threads.intraOp()).setInterOpParallelismThreads(threads.interOp()).build();
    }

    @Override
    public Runnable product(HostTensor a, HostTensor b) {
        closeProduct();
        productGraph = new Graph();
        productSession = new Session(productGraph, sessionConfig());
        Ops tf = Ops.create(productGraph);
        Placeholder<TFloat32> left = tf.placeholder(TFloat32.class);
        Placeholder<TFloat32> right = tf.placeholder(TFloat32.class);
        Operand<TFloat32> product = tf.linalg.matMul(left, right);
        productOperands = List.of(TFloat32.tensorOf(Shape.of(a.shape().dim(0), a.shape().dim(1)), DataBuffers.of(a.floatsUnsafe(), true, false)),
                TFloat32.tensorOf(Shape.of(b.shape().dim(0), b.shape().dim(1)), DataBuffers.of(b.floatsUnsafe(), true, false)));
        return () -> {
            try (Result ignored = productSession.runner().feed(left, productOperands.get(0)).feed(right, productOperands.get(1)).fetch(product).run()) {
                // The product is computed when the run returns; nothing is read back.
            }
        };
    }

    private void closeProduct() {
        if (productSession != null) {
            productOperands.forEach(TFloat32::close);
            productSession.close();
            productGraph.close();
            productSession = null;
        }
    }

    @Override
    public void close() {
        closeProduct();
        if (session != null) {
            session.close();
            session = null;
        }
        if (graph != null) {
            graph.close();
            graph = null;
        }
    }
}
