package org.lpa4j.architectures.nested;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.lpa4j.api.Lpa4jException;
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
 * The constructive network's architecture with trainable weights: residual width {@code 2dN + d + 2}, blocks
 * {@code f_l(h) = W2 act(W1 h + b1) + b2} where act is ReLU on every channel but the last two and sine on those, and
 * one shared linear head, so LPA or end-to-end training gives a readout per depth to compare with the certified bound.
 */
public final class TrainableNestedNetwork implements ResidualNetwork {
    private final ChannelLayout layout;
    private final int depth;
    private final DType dtype;
    private final Dense stem;
    private final List<Dense[]> blocks = new ArrayList<>();
    private final Dense head;

    /**
     * @param dim   input dimension d
     * @param base  N, which fixes the width 2dN + d + 2
     * @param depth residual blocks L
     * @param dtype FLOAT32 or FLOAT64 input
     */
    public TrainableNestedNetwork(int dim, int base, int depth, DType dtype) {
        if (dim < 1 || base < 2 || depth < 1) {
            throw new Lpa4jException("The trainable nested network needs d >= 1, N >= 2 and depth >= 1, not d=" + dim + ", N=" + base
                    + ", depth=" + depth + ".");
        }
        this.layout = new ChannelLayout(dim, base);
        this.depth = depth;
        this.dtype = dtype;
        int w = layout.width();
        this.stem = new Dense("stem", dim, w);
        for (int l = 1; l <= depth; l++) {
            blocks.add(new Dense[] {new Dense("block" + l + ".fc1", w, w), new Dense("block" + l + ".fc2", w, w)});
        }
        this.head = new Dense("head", w, 1);
    }

    @Override
    public String name() {
        return "nested";
    }

    @Override
    public Hyperparameters hyperparameters() {
        return Hyperparameters.builder().put("dim", layout.dim()).put("base", layout.base()).put("depth", depth).put("dtype", dtype).build();
    }

    @Override
    public int depth() {
        return depth;
    }

    /** {@code 2dN + d + 2}. */
    public int width() {
        return layout.width();
    }

    @Override
    public InputSpec input() {
        return InputSpec.batched("x", dtype, layout.dim());
    }

    @Override
    public List<ParameterSpec> parameters() {
        List<ParameterSpec> specs = new ArrayList<>(stem.parameters());
        for (Dense[] b : blocks) {
            specs.addAll(b[0].parameters());
            specs.addAll(b[1].parameters());
        }
        specs.addAll(head.parameters());
        return specs;
    }

    @Override
    public Set<String> blockParameters(int l) {
        Dense[] b = blocks.get(l - 1);
        List<ParameterSpec> specs = new ArrayList<>(b[0].parameters());
        specs.addAll(b[1].parameters());
        return ParameterSpec.names(specs);
    }

    @Override
    public Tensor stem(Ops ops, Parameters params, Tensor x) {
        return stem.forward(ops, params, x);
    }

    @Override
    public Tensor block(int l, Ops ops, Parameters params, Tensor h) {
        Dense[] b = blocks.get(l - 1);
        Tensor z = b[0].forward(ops, params, h);
        int relu = layout.reluChannels();
        Tensor act = ops.concat(List.of(ops.relu(ops.slice(z, 1, 0, relu)), ops.sin(ops.slice(z, 1, relu, 2))), 1);
        return b[1].forward(ops, params, act);
    }

    @Override
    public Tensor head(Ops ops, Parameters params, Tensor h) {
        return head.forward(ops, params, h);
    }
}
