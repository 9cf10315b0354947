package org.lpa4j.integration;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.lpa4j.api.compile.InputSpec;
import org.lpa4j.api.layers.Dense;
import org.lpa4j.api.model.Hyperparameters;
import org.lpa4j.api.model.ResidualNetwork;
import org.lpa4j.api.ops.Ops;
import org.lpa4j.api.params.ParameterSpec;
import org.lpa4j.api.params.Parameters;
import org.lpa4j.api.tensor.DType;
import org.lpa4j.api.tensor.Tensor;

/**
 * A user-defined architecture written only against the public api: a residual MLP whose blocks are gated,
 * {@code f_l(h) = sigmoid(G_l h) * tanh(W_l h)} projected by {@code V_l}. It is the README's example of a custom
 * architecture and trains through the same trainers as the built-in ones; {@link GatedResidualMlpProvider}, registered in
 * this module's test service file, makes it an architecture that saves, loads and is accepted by {@code fit --arch}.
 */
final class GatedResidualMlp implements ResidualNetwork {
    private final int inputDim;
    private final int width;
    private final int depth;
    private final Dense stem;
    private final List<Dense[]> blocks = new ArrayList<>();
    private final Dense head;

    GatedResidualMlp(int inputDim, int width, int depth) {
        this.inputDim = inputDim;
        this.width = width;
        this.depth = depth;
        this.stem = new Dense("stem", inputDim, width);
        for (int l = 1; l <= depth; l++) {
            blocks.add(new Dense[] {new Dense("block" + l + ".gate", width, width), new Dense("block" + l + ".value", width, width),
                new Dense("block" + l + ".out", width, width)});
        }
        this.head = new Dense("head", width, 1);
    }

    @Override
    public String name() {
        return "gated-fnn";
    }

    /** What {@link GatedResidualMlpProvider} rebuilds it from, so it saves and loads like a built-in architecture. */
    @Override
    public Hyperparameters hyperparameters() {
        return Hyperparameters.builder().put("inputDim", inputDim).put("width", width).put("depth", depth).build();
    }

    @Override
    public int depth() {
        return depth;
    }

    @Override
    public InputSpec input() {
        return InputSpec.batched("x", DType.FLOAT32, inputDim);
    }

    @Override
    public List<ParameterSpec> parameters() {
        List<ParameterSpec> specs = new ArrayList<>(stem.parameters());
        for (int l = 1; l <= depth; l++) {
            for (Dense d : blocks.get(l - 1)) {
                specs.addAll(d.parameters());
            }
        }
        specs.addAll(head.parameters());
        return specs;
    }

    @Override
    public Set<String> blockParameters(int l) {
        Set<String> names = new LinkedHashSet<>();
        for (Dense d : blocks.get(l - 1)) {
            d.parameters().forEach(s -> names.add(s.name()));
        }
        return names;
    }

    @Override
    public Tensor stem(Ops ops, Parameters params, Tensor x) {
        return stem.forward(ops, params, x);
    }

    @Override
    public Tensor block(int l, Ops ops, Parameters params, Tensor h) {
        Dense[] b = blocks.get(l - 1);
        Tensor gated = ops.mul(ops.sigmoid(b[0].forward(ops, params, h)), ops.tanh(b[1].forward(ops, params, h)));
        return b[2].forward(ops, params, gated);
    }

    @Override
    public Tensor head(Ops ops, Parameters params, Tensor h) {
        return head.forward(ops, params, h);
    }
}
