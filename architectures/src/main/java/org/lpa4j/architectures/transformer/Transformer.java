package org.lpa4j.architectures.transformer;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.lpa4j.api.Lpa4jException;
import org.lpa4j.api.compile.InputSpec;
import org.lpa4j.api.layers.Dense;
import org.lpa4j.api.layers.Embedding;
import org.lpa4j.api.layers.LayerNorm;
import org.lpa4j.api.layers.MultiHeadAttention;
import org.lpa4j.api.model.Hyperparameters;
import org.lpa4j.api.model.ResidualNetwork;
import org.lpa4j.api.ops.Ops;
import org.lpa4j.api.params.Initializer;
import org.lpa4j.api.params.ParameterSpec;
import org.lpa4j.api.params.Parameters;
import org.lpa4j.api.tensor.DType;
import org.lpa4j.api.tensor.Shape;
import org.lpa4j.api.tensor.Tensor;

/**
 * A pre-norm Transformer on INT32 token ids {@code [batch, T]}: token embedding plus learned positions, L blocks of
 * multi-head self-attention and a GELU MLP (each with its residual), and one shared head read out at every depth.
 * Block l's residual branch is {@code f_l(h) = a + mlp(norm2(h + a))} with {@code a = attn(norm1(h))}, so
 * {@code h + f_l(h)} is exactly the usual pre-norm block with its two residual additions.
 */
public final class Transformer implements ResidualNetwork {
    /** Hidden units of the MLP per model unit, as in GPT-2. */
    public static final int MLP_EXPANSION = 4;
    /** Standard deviation of the learned position vectors, as in GPT-2. */
    private static final double POSITION_STD = 0.02;

    private final TransformerTask task;
    private final int vocabulary;
    private final int context;
    private final int width;
    private final int depth;
    private final int heads;
    private final int outputs;
    private final Embedding tokens;
    private final List<Block> blocks = new ArrayList<>();
    private final LayerNorm headNorm;
    private final Dense headOut;

    /**
     * @param task       next-token prediction (causal, logits per position) or classification (pooled)
     * @param vocabulary token ids lie in {@code [0, vocabulary)}
     * @param context    tokens per example T
     * @param width      model dimension
     * @param depth      number of blocks L
     * @param heads      attention heads (must divide {@code width})
     * @param outputs    logits per readout: the vocabulary for next-token prediction, the classes for classification
     */
    public Transformer(TransformerTask task, int vocabulary, int context, int width, int depth, int heads, int outputs) {
        this.task = Objects.requireNonNull(task, "task is null");
        this.vocabulary = requirePositive("vocabulary", vocabulary);
        this.context = requirePositive("context", context);
        this.width = requirePositive("width", width);
        this.depth = requirePositive("depth", depth);
        this.heads = requirePositive("heads", heads);
        this.outputs = requirePositive("outputs", outputs);
        if (width % heads != 0) {
            throw new Lpa4jException("Transformer: the width " + width + " must be divisible by the number of heads " + heads
                    + "; choose --width as a multiple of --heads.");
        }
        this.tokens = new Embedding("embedding", vocabulary, width);
        boolean causal = task == TransformerTask.NEXT_TOKEN;
        for (int l = 1; l <= depth; l++) {
            blocks.add(new Block(l, width, heads, causal));
        }
        this.headNorm = new LayerNorm("head.norm", width);
        this.headOut = new Dense("head.out", width, outputs);
    }

    private static int requirePositive(String field, int value) {
        if (value <= 0) {
            throw new Lpa4jException("Transformer: " + field + " must be positive but is " + value + ".");
        }
        return value;
    }

    @Override
    public String name() {
        return "transformer";
    }

    @Override
    public Hyperparameters hyperparameters() {
        return Hyperparameters.builder().put("task", task).put("vocabulary", vocabulary).put("context", context).put("width", width)
                .put("depth", depth).put("heads", heads).put("outputs", outputs).build();
    }

    @Override
    public int depth() {
        return depth;
    }

    /** Next-token prediction (causal) or classification (pooled). */
    public TransformerTask task() {
        return task;
    }

    /** Token ids lie in {@code [0, vocabulary)}. */
    public int vocabulary() {
        return vocabulary;
    }

    /** Tokens per example. */
    public int context() {
        return context;
    }

    /** The model dimension. */
    public int width() {
        return width;
    }

    /** Attention heads per block. */
    public int heads() {
        return heads;
    }

    /** Logits per readout. */
    public int outputs() {
        return outputs;
    }

    @Override
    public InputSpec input() {
        return InputSpec.batched("tokens", DType.INT32, context);
    }

    private String positionsName() {
        return "positions";
    }

    @Override
    public List<ParameterSpec> parameters() {
        List<ParameterSpec> specs = new ArrayList<>(tokens.parameters());
        specs.add(new ParameterSpec(positionsName(), Shape.of(context, width), Initializer.normal(POSITION_STD)));
        for (Block b : blocks) {
            specs.addAll(b.parameters());
        }
        specs.addAll(headNorm.parameters());
        specs.addAll(headOut.parameters());
        return specs;
    }

    @Override
    public Set<String> blockParameters(int l) {
        return ParameterSpec.names(blocks.get(l - 1).parameters());
    }

    @Override
    public Tensor stem(Ops ops, Parameters params, Tensor ids) {
        return ops.add(tokens.forward(ops, params, ids), params.get(positionsName()));
    }

    @Override
    public Tensor block(int l, Ops ops, Parameters params, Tensor h) {
        return blocks.get(l - 1).residualBranch(ops, params, h);
    }

    @Override
    public Tensor head(Ops ops, Parameters params, Tensor h) {
        Tensor normed = headNorm.forward(ops, params, h);
        if (task == TransformerTask.CLASSIFICATION) {
            normed = ops.mean(normed, new int[] {1}, false);
        }
        return headOut.forward(ops, params, normed);
    }

    /** One pre-norm block: attention and MLP sub-layers with their norms. */
    private static final class Block {
        private final LayerNorm norm1;
        private final MultiHeadAttention attention;
        private final LayerNorm norm2;
        private final Dense fc1;
        private final Dense fc2;

        Block(int l, int width, int heads, boolean causal) {
            String p = "block" + l;
            norm1 = new LayerNorm(p + ".norm1", width);
            attention = new MultiHeadAttention(p + ".attention", width, heads, causal);
            norm2 = new LayerNorm(p + ".norm2", width);
            fc1 = new Dense(p + ".fc1", width, MLP_EXPANSION * width);
            fc2 = new Dense(p + ".fc2", MLP_EXPANSION * width, width);
        }

        List<ParameterSpec> parameters() {
            List<ParameterSpec> specs = new ArrayList<>(norm1.parameters());
            specs.addAll(attention.parameters());
            specs.addAll(norm2.parameters());
            specs.addAll(fc1.parameters());
            specs.addAll(fc2.parameters());
            return specs;
        }

        Tensor residualBranch(Ops ops, Parameters params, Tensor h) {
            Tensor a = attention.forward(ops, params, norm1.forward(ops, params, h));
            Tensor mid = ops.add(h, a);
            Tensor m = fc2.forward(ops, params, ops.gelu(fc1.forward(ops, params, norm2.forward(ops, params, mid))));
            return ops.add(a, m);
        }
    }
}
