package org.lpa4j.architectures.fnn;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.lpa4j.api.Lpa4jException;
import org.lpa4j.api.compile.InputSpec;
import org.lpa4j.api.layers.Activation;
import org.lpa4j.api.layers.Dense;
import org.lpa4j.api.layers.LayerNorm;
import org.lpa4j.api.model.Hyperparameters;
import org.lpa4j.api.model.ResidualNetwork;
import org.lpa4j.api.ops.Ops;
import org.lpa4j.api.params.ParameterSpec;
import org.lpa4j.api.params.Parameters;
import org.lpa4j.api.tensor.DType;
import org.lpa4j.api.tensor.Tensor;

/**
 * A residual MLP: a dense stem lifts {@code x [batch, in]} to width w, block l computes
 * {@code f_l(h) = W2 act(W1 norm(h) + b1) + b2} (norm optional), and one shared linear head reads out every depth.
 */
public final class ResidualMlp implements ResidualNetwork {
    private final int inputDim;
    private final int width;
    private final int depth;
    private final int outputDim;
    private final Activation activation;
    private final boolean layerNorm;
    private final DType dtype;
    private final Dense stem;
    private final List<Dense[]> blocks = new ArrayList<>();
    private final List<LayerNorm> norms = new ArrayList<>();
    private final Dense head;

    /**
     * @param inputDim   input features
     * @param width      residual width w
     * @param depth      number of blocks L
     * @param outputDim  outputs (targets per example, or classes)
     * @param activation block nonlinearity
     * @param layerNorm  whether each block normalises its input
     * @param dtype      FLOAT32 or FLOAT64 input
     */
    public ResidualMlp(int inputDim, int width, int depth, int outputDim, Activation activation, boolean layerNorm, DType dtype) {
        requirePositive("inputDim", inputDim);
        requirePositive("width", width);
        requirePositive("depth", depth);
        requirePositive("outputDim", outputDim);
        this.inputDim = inputDim;
        this.width = width;
        this.depth = depth;
        this.outputDim = outputDim;
        this.activation = activation;
        this.layerNorm = layerNorm;
        this.dtype = dtype;
        this.stem = new Dense("stem", inputDim, width);
        for (int l = 1; l <= depth; l++) {
            blocks.add(new Dense[] {new Dense("block" + l + ".fc1", width, width), new Dense("block" + l + ".fc2", width, width)});
            norms.add(new LayerNorm("block" + l + ".norm", width));
        }
        this.head = new Dense("head", width, outputDim);
    }

    private static void requirePositive(String field, int value) {
        if (value <= 0) {
            throw new Lpa4jException("ResidualMlp: " + field + " must be positive but is " + value + ".");
        }
    }

    @Override
    public String name() {
        return "fnn";
    }

    @Override
    public Hyperparameters hyperparameters() {
        return Hyperparameters.builder().put("inputDim", inputDim).put("width", width).put("depth", depth).put("outputDim", outputDim)
                .put("activation", activation).put("layerNorm", layerNorm).put("dtype", dtype).build();
    }

    @Override
    public int depth() {
        return depth;
    }

    public int width() {
        return width;
    }

    @Override
    public InputSpec input() {
        return InputSpec.batched("x", dtype, inputDim);
    }

    @Override
    public List<ParameterSpec> parameters() {
        List<ParameterSpec> specs = new ArrayList<>(stem.parameters());
        for (int l = 1; l <= depth; l++) {
            specs.addAll(blockSpecs(l));
        }
        specs.addAll(head.parameters());
        return specs;
    }

    private List<ParameterSpec> blockSpecs(int l) {
        List<ParameterSpec> specs = new ArrayList<>();
        if (layerNorm) {
            specs.addAll(norms.get(l - 1).parameters());
        }
        specs.addAll(blocks.get(l - 1)[0].parameters());
        specs.addAll(blocks.get(l - 1)[1].parameters());
        return specs;
    }

    @Override
    public Set<String> blockParameters(int l) {
        return ParameterSpec.names(blockSpecs(l));
    }

    @Override
    public Tensor stem(Ops ops, Parameters params, Tensor x) {
        return stem.forward(ops, params, x);
    }

    @Override
    public Tensor block(int l, Ops ops, Parameters params, Tensor h) {
        Tensor in = layerNorm ? norms.get(l - 1).forward(ops, params, h) : h;
        Dense[] b = blocks.get(l - 1);
        return b[1].forward(ops, params, activation.apply(ops, b[0].forward(ops, params, in)));
    }

    @Override
    public Tensor head(Ops ops, Parameters params, Tensor h) {
        return head.forward(ops, params, h);
    }
}
