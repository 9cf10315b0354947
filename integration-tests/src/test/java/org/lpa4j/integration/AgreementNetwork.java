package org.lpa4j.integration;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.lpa4j.api.compile.InputSpec;
import org.lpa4j.api.layers.Conv2d;
import org.lpa4j.api.layers.Dense;
import org.lpa4j.api.layers.Embedding;
import org.lpa4j.api.layers.LayerNorm;
import org.lpa4j.api.layers.MultiHeadAttention;
import org.lpa4j.api.ops.Ops;
import org.lpa4j.api.params.Initializer;
import org.lpa4j.api.params.ParameterSpec;
import org.lpa4j.api.params.Parameters;
import org.lpa4j.api.tensor.DType;
import org.lpa4j.api.tensor.HostTensor;
import org.lpa4j.api.tensor.Shape;
import org.lpa4j.api.tensor.Tensor;

/** Small networks that together use every layer and most ops, for the cross-backend agreement test. */
abstract class AgreementNetwork {
    private final String name;

    AgreementNetwork(String name) {
        this.name = name;
    }

    static List<AgreementNetwork> all() {
        return List.of(new ResidualMlp(), new ConvNet(), new CausalTransformer());
    }

    abstract List<ParameterSpec> parameters();

    abstract List<InputSpec> inputs(DType dtype);

    abstract List<HostTensor> batch(SplittableRandom random, int size, DType dtype);

    abstract List<Tensor> forward(Ops ops, Parameters p, List<Tensor> in);

    abstract Tensor loss(Ops ops, Parameters p, List<Tensor> in);

    @Override
    public String toString() {
        return name;
    }

    static HostTensor uniform(SplittableRandom r, DType dtype, Shape shape) {
        double[] v = new double[(int) shape.size()];
        for (int i = 0; i < v.length; i++) {
            v[i] = r.nextDouble(-1, 1);
        }
        return HostTensor.fromDoubles(dtype, shape, v);
    }

    static HostTensor labels(SplittableRandom r, Shape shape, int classes) {
        int[] v = new int[(int) shape.size()];
        for (int i = 0; i < v.length; i++) {
            v[i] = r.nextInt(classes);
        }
        return HostTensor.ofInts(shape, v);
    }

    /** Dense stem, two pre-norm GELU blocks, a sine and a slice/concat, a linear head; MSE loss. */
    static final class ResidualMlp extends AgreementNetwork {
        private final Dense stem = new Dense("stem", 6, 8);
        private final LayerNorm norm1 = new LayerNorm("block1.norm", 8);
        private final Dense fc1 = new Dense("block1.fc", 8, 8);
        private final LayerNorm norm2 = new LayerNorm("block2.norm", 8);
        private final Dense fc2 = new Dense("block2.fc", 8, 8);
        private final Dense head = new Dense("head", 8, 3);

        ResidualMlp() {
            super("residual MLP");
        }

        @Override
        List<ParameterSpec> parameters() {
            List<ParameterSpec> s = new ArrayList<>();
            for (var l : List.of(stem, norm1, fc1, norm2, fc2, head)) {
                s.addAll(l.parameters());
            }
            return s;
        }

        @Override
        List<InputSpec> inputs(DType dtype) {
            return List.of(InputSpec.batched("x", dtype, 6), InputSpec.batched("y", dtype, 3));
        }

        @Override
        List<HostTensor> batch(SplittableRandom r, int size, DType dtype) {
            return List.of(uniform(r, dtype, Shape.of(size, 6)), uniform(r, dtype, Shape.of(size, 3)));
        }

        @Override
        List<Tensor> forward(Ops ops, Parameters p, List<Tensor> in) {
            Tensor h = ops.tanh(stem.forward(ops, p, in.get(0)));
            h = ops.add(h, fc1.forward(ops, p, ops.gelu(norm1.forward(ops, p, h))));
            h = ops.add(h, ops.sin(fc2.forward(ops, p, ops.sigmoid(norm2.forward(ops, p, h)))));
            h = ops.concat(List.of(ops.slice(h, 1, 4, 4), ops.slice(h, 1, 0, 4)), 1);
            return List.of(head.forward(ops, p, h));
        }

        @Override
        Tensor loss(Ops ops, Parameters p, List<Tensor> in) {
            return ops.mseLoss(forward(ops, p, in).get(0), in.get(1));
        }
    }

    /** Convolutions with padding and stride, max and average pooling, global pooling, a linear head; cross-entropy. */
    static final class ConvNet extends AgreementNetwork {
        private final Conv2d conv1 = new Conv2d("conv1", 2, 4, 3, 1, 1, true);
        private final Conv2d conv2 = new Conv2d("conv2", 4, 4, 3, 2, 1, true);
        private final Dense head = new Dense("head", 4, 3);

        ConvNet() {
            super("conv net");
        }

        @Override
        List<ParameterSpec> parameters() {
            List<ParameterSpec> s = new ArrayList<>(conv1.parameters());
            s.addAll(conv2.parameters());
            s.addAll(head.parameters());
            return s;
        }

        @Override
        List<InputSpec> inputs(DType dtype) {
            return List.of(new InputSpec("image", dtype, Shape.of(-1, 2, 7, 6)), InputSpec.batched("label", DType.INT32));
        }

        @Override
        List<HostTensor> batch(SplittableRandom r, int size, DType dtype) {
            return List.of(uniform(r, dtype, Shape.of(size, 2, 7, 6)), labels(r, Shape.of(size), 3));
        }

        @Override
        List<Tensor> forward(Ops ops, Parameters p, List<Tensor> in) {
            Tensor h = ops.relu(conv1.forward(ops, p, in.get(0)));           // [B, 4, 7, 6]
            Tensor pooled = ops.maxPool2d(h, 2, 2, 1, 1);                      // [B, 4, 6, 5]
            Tensor h2 = ops.sigmoid(conv2.forward(ops, p, pooled));           // [B, 4, 3, 3]
            Tensor avg = ops.avgPool2d(h2, 2, 2, 1, 1);                        // [B, 4, 2, 2]
            return List.of(head.forward(ops, p, ops.globalAvgPool2d(avg)));
        }

        @Override
        Tensor loss(Ops ops, Parameters p, List<Tensor> in) {
            return ops.softmaxCrossEntropy(forward(ops, p, in).get(0), in.get(1));
        }
    }

    /** Token and position embeddings, a causal attention block and an MLP, a vocabulary head; next-token cross-entropy. */
    static final class CausalTransformer extends AgreementNetwork {
        private static final int VOCAB = 11;
        private static final int T = 5;
        private static final int D = 8;
        private final Embedding tokens = new Embedding("tokens", VOCAB, D, 0.5);
        private final LayerNorm norm1 = new LayerNorm("block.norm1", D);
        private final MultiHeadAttention attention = new MultiHeadAttention("block.attention", D, 2, true);
        private final LayerNorm norm2 = new LayerNorm("block.norm2", D);
        private final Dense up = new Dense("block.up", D, 2 * D);
        private final Dense down = new Dense("block.down", 2 * D, D);
        private final LayerNorm finalNorm = new LayerNorm("final.norm", D);
        private final Dense head = new Dense("head", D, VOCAB);

        CausalTransformer() {
            super("causal transformer");
        }

        @Override
        List<ParameterSpec> parameters() {
            List<ParameterSpec> s = new ArrayList<>();
            s.add(new ParameterSpec("positions", Shape.of(T, D), Initializer.normal(0.5)));
            for (var l : List.of(tokens, norm1, attention, norm2, up, down, finalNorm, head)) {
                s.addAll(l.parameters());
            }
            return s;
        }

        @Override
        List<InputSpec> inputs(DType dtype) {
            return List.of(InputSpec.batched("ids", DType.INT32, T), InputSpec.batched("next", DType.INT32, T));
        }

        @Override
        List<HostTensor> batch(SplittableRandom r, int size, DType dtype) {
            return List.of(labels(r, Shape.of(size, T), VOCAB), labels(r, Shape.of(size, T), VOCAB));
        }

        @Override
        List<Tensor> forward(Ops ops, Parameters p, List<Tensor> in) {
            Tensor h = ops.add(tokens.forward(ops, p, in.get(0)), p.get("positions"));
            h = ops.add(h, attention.forward(ops, p, norm1.forward(ops, p, h)));
            h = ops.add(h, down.forward(ops, p, ops.gelu(up.forward(ops, p, norm2.forward(ops, p, h)))));
            return List.of(head.forward(ops, p, finalNorm.forward(ops, p, h)));
        }

        @Override
        Tensor loss(Ops ops, Parameters p, List<Tensor> in) {
            return ops.softmaxCrossEntropy(forward(ops, p, in).get(0), in.get(1));
        }
    }
}
