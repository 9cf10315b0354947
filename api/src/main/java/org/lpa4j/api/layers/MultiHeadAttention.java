package org.lpa4j.api.layers;

import java.util.ArrayList;
import java.util.List;
import org.lpa4j.api.Lpa4jException;
import org.lpa4j.api.ops.Ops;
import org.lpa4j.api.params.Parameters;
import org.lpa4j.api.params.ParameterSpec;
import org.lpa4j.api.tensor.Shape;
import org.lpa4j.api.tensor.ShapeMismatchException;
import org.lpa4j.api.tensor.Tensor;

/**
 * Multi-head scaled dot-product self-attention on {@code [B, T, dModel]} with a static sequence length
 * {@code T}: query, key, value and output projections ({@link Dense}), {@code softmax(q k^T / sqrt(dHead) + mask) v}
 * per head, where the mask is {@link Ops#causalMask} when causal (position {@code i} sees only {@code j <= i}).
 */
public final class MultiHeadAttention implements Layer {
    private final String name;
    private final int dModel;
    private final int heads;
    private final boolean causal;
    private final Dense query;
    private final Dense key;
    private final Dense value;
    private final Dense output;

    public MultiHeadAttention(String name, int dModel, int heads, boolean causal) {
        this.name = LayerChecks.requireName(name);
        this.dModel = LayerChecks.requirePositive("MultiHeadAttention '" + name + "'", "dModel", dModel);
        this.heads = LayerChecks.requirePositive("MultiHeadAttention '" + name + "'", "heads", heads);
        if (dModel % heads != 0) {
            throw new Lpa4jException("MultiHeadAttention '" + name + "': dModel " + dModel + " must be divisible by the number of heads "
                    + heads + ".");
        }
        this.causal = causal;
        this.query = new Dense(name + ".query", dModel, dModel);
        this.key = new Dense(name + ".key", dModel, dModel);
        this.value = new Dense(name + ".value", dModel, dModel);
        this.output = new Dense(name + ".output", dModel, dModel);
    }

    @Override
    public String name() {
        return name;
    }

    public boolean isCausal() {
        return causal;
    }

    @Override
    public List<ParameterSpec> parameters() {
        List<ParameterSpec> specs = new ArrayList<>();
        for (Dense d : List.of(query, key, value, output)) {
            specs.addAll(d.parameters());
        }
        return specs;
    }

    @Override
    public Tensor forward(Ops ops, Parameters params, Tensor x) {
        Shape s = x.shape();
        if (s.rank() != 3 || s.dim(2) != dModel || s.dim(1) == Shape.UNKNOWN) {
            throw new ShapeMismatchException("MultiHeadAttention '" + name + "': expects [batch, time, " + dModel
                    + "] with a static time axis but got " + s + ".");
        }
        int t = s.dim(1);
        int dHead = dModel / heads;
        Tensor q = splitHeads(ops, query.forward(ops, params, x), t, dHead);
        Tensor k = splitHeads(ops, key.forward(ops, params, x), t, dHead);
        Tensor v = splitHeads(ops, value.forward(ops, params, x), t, dHead);
        Tensor scores = ops.scale(ops.matmul(q, ops.transpose(k, 0, 1, 3, 2)), 1.0 / Math.sqrt(dHead));
        if (causal) {
            scores = ops.add(scores, ops.causalMask(t, x.dtype()));
        }
        Tensor context = ops.matmul(ops.softmax(scores, -1), v);
        Tensor merged = ops.reshape(ops.transpose(context, 0, 2, 1, 3), Shape.of(Shape.UNKNOWN, t, dModel));
        return output.forward(ops, params, merged);
    }

    private Tensor splitHeads(Ops ops, Tensor x, int t, int dHead) {
        return ops.transpose(ops.reshape(x, Shape.of(Shape.UNKNOWN, t, heads, dHead)), 0, 2, 1, 3);
    }
}
