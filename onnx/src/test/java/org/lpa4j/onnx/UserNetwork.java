package org.lpa4j.onnx;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.lpa4j.api.compile.InputSpec;
import org.lpa4j.api.layers.Dense;
import org.lpa4j.api.ops.Ops;
import org.lpa4j.api.params.Initializer;
import org.lpa4j.api.params.ParameterSpec;
import org.lpa4j.api.params.Parameters;
import org.lpa4j.api.model.ResidualNetwork;
import org.lpa4j.api.tensor.DType;
import org.lpa4j.api.tensor.Shape;
import org.lpa4j.api.tensor.Tensor;

/**
 * A user's own architecture, not registered anywhere, that touches every primitive and composite of {@link Ops}: it must
 * export with no code of its own. Input {@code [B, 4]}, state {@code [B, 8]}, 3 outputs.
 */
final class UserNetwork implements ResidualNetwork {
    private final int depth;
    private final Dense stem = new Dense("stem", 4, 8);
    private final Dense head = new Dense("head", 8, 3);

    UserNetwork(int depth) {
        this.depth = depth;
    }

    @Override
    public String name() {
        return "user";
    }

    @Override
    public int depth() {
        return depth;
    }

    @Override
    public InputSpec input() {
        return InputSpec.batched("x", DType.FLOAT32, 4);
    }

    private Dense dense(int l) {
        return new Dense("block" + l, 8, 8);
    }

    @Override
    public List<ParameterSpec> parameters() {
        List<ParameterSpec> all = new ArrayList<>(stem.parameters());
        for (int l = 1; l <= depth; l++) {
            all.addAll(dense(l).parameters());
            all.add(new ParameterSpec("block" + l + ".kernel", Shape.of(2, 1, 3, 3), Initializer.normal(0.3)));
            all.add(new ParameterSpec("block" + l + ".table", Shape.of(3, 8), Initializer.normal(0.3)));
            all.add(new ParameterSpec("block" + l + ".gamma", Shape.of(8), Initializer.constant(1)));
            all.add(new ParameterSpec("block" + l + ".beta", Shape.of(8), Initializer.zeros()));
        }
        all.addAll(head.parameters());
        return all;
    }

    @Override
    public Set<String> blockParameters(int l) {
        return ParameterSpec.names(parameters().stream().filter(p -> p.name().startsWith("block" + l + ".")).toList());
    }

    @Override
    public Tensor stem(Ops ops, Parameters params, Tensor x) {
        return ops.tanh(stem.forward(ops, params, x));
    }

    @Override
    public Tensor block(int l, Ops ops, Parameters params, Tensor h) {
        String p = "block" + l + ".";
        Tensor a = ops.gelu(dense(l).forward(ops, params, ops.layerNorm(h, params.get(p + "gamma"), params.get(p + "beta"), 1e-5)));
        // An image view of the state: conv, both poolings, back to a vector.
        Tensor image = ops.reshape(h, Shape.of(-1, 1, 2, 4));
        Tensor conv = ops.relu(ops.conv2d(image, params.get(p + "kernel"), 1, 1, 1, 1));
        Tensor pooled = ops.add(ops.maxPool2d(conv, 2, 2, 2, 2), ops.avgPool2d(conv, 2, 2, 2, 2));
        Tensor flat = ops.reshape(ops.transpose(pooled, 0, 1, 3, 2), Shape.of(-1, 4));
        // Classes from the state: cast to ids, one-hot, embedding lookup.
        Tensor ids = ops.cast(ops.scale(ops.sigmoid(ops.slice(h, 1, 0, 1)), 2.99), DType.INT32);
        Tensor lookup = ops.gather(params.get(p + "table"), ops.reshape(ids, Shape.of(-1)));
        Tensor hot = ops.matmul(ops.oneHot(ops.reshape(ids, Shape.of(-1)), 3, DType.FLOAT32), params.get(p + "table"));
        Tensor mixed = ops.concat(List.of(ops.sin(flat), ops.softmax(flat, -1)), -1);
        Tensor positive = ops.add(ops.exp(ops.neg(ops.square(a))), ops.scalar(1, DType.FLOAT32));
        Tensor ratio = ops.div(ops.log(positive), ops.sqrt(positive));
        Tensor centered = ops.sub(ratio, ops.mean(ratio, new int[] {-1}, true));
        Tensor scaled = ops.mul(centered, ops.sum(ops.stopGradient(ops.max(mixed, new int[] {-1}, true)), new int[] {-1}, true));
        return ops.scale(ops.add(ops.add(scaled, mixed), ops.sub(lookup, hot)), 0.5);
    }

    @Override
    public Tensor head(Ops ops, Parameters params, Tensor h) {
        return ops.logSoftmax(head.forward(ops, params, h), -1);
    }
}
