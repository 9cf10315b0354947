package org.lpa4j.bench;

import java.util.ArrayList;
import java.util.List;
import org.lpa4j.api.compile.LossFunction;
import org.lpa4j.api.layers.Dense;
import org.lpa4j.api.ops.Ops;
import org.lpa4j.api.params.Parameters;
import org.lpa4j.api.params.ParameterSpec;
import org.lpa4j.api.tensor.Tensor;

/**
 * The benchmarked network, fixed so the hand-written engine versions compute exactly the same thing: a
 * residual MLP {@code h0 = x W_stem + b_stem; h_l = h_{l-1} + relu(h_{l-1} W1_l + b1_l) W2_l + b2_l;
 * yhat = h_L W_head + b_head}, MSE loss against {@code y}, trained with Adam. Parameter names are
 * {@code stem.weight}, {@code stem.bias}, {@code block<l>.fc1.weight}, {@code block<l>.fc1.bias},
 * {@code block<l>.fc2.weight}, {@code block<l>.fc2.bias} (l = 1..blocks) and {@code head.weight}, {@code head.bias};
 * weights are {@code [in, out]}, biases {@code [out]}.
 */
public final class BenchMlp {
    public static final int INPUT = 16;
    public static final int WIDTH = 256;
    public static final int BLOCKS = 8;
    public static final int BATCH = 256;

    private final int width;
    private final int depth;
    private final Dense stem;
    private final List<Dense[]> blocks = new ArrayList<>();
    private final Dense head;

    /** The benchmarked size: width {@value #WIDTH}, {@value #BLOCKS} blocks. */
    public BenchMlp() {
        this(WIDTH, BLOCKS);
    }

    /** The same architecture at another size (the memory check uses a small one so 10,000 steps stay quick on every engine). */
    public BenchMlp(int width, int depth) {
        this.width = width;
        this.depth = depth;
        stem = new Dense("stem", INPUT, width);
        for (int l = 1; l <= depth; l++) {
            blocks.add(new Dense[] {new Dense("block" + l + ".fc1", width, width), new Dense("block" + l + ".fc2", width, width)});
        }
        head = new Dense("head", width, 1);
    }

    /**
     * The floating-point operations of one train step on a batch of {@code batch}: the matrix products' multiply-adds
     * (stem, two per block, head) times 2 FLOPs, times 3 for the forward pass and the two gradient products of each.
     */
    public double trainStepFlops(int batch) {
        double multiplyAdds = (double) batch * (INPUT * width + 2.0 * depth * width * width + width);
        return 3 * 2 * multiplyAdds;
    }

    /** Every parameter, in a fixed order. */
    public List<ParameterSpec> parameters() {
        List<ParameterSpec> specs = new ArrayList<>(stem.parameters());
        for (Dense[] b : blocks) {
            specs.addAll(b[0].parameters());
            specs.addAll(b[1].parameters());
        }
        specs.addAll(head.parameters());
        return specs;
    }

    /** The prediction {@code [batch, 1]} for {@code x [batch, INPUT]}. */
    public Tensor forward(Ops ops, Parameters p, Tensor x) {
        Tensor h = stem.forward(ops, p, x);
        for (Dense[] b : blocks) {
            h = ops.add(h, b[1].forward(ops, p, ops.relu(b[0].forward(ops, p, h))));
        }
        return head.forward(ops, p, h);
    }

    /** MSE of the prediction for input 0 against target input 1. */
    public LossFunction loss() {
        return (ops, p, in) -> ops.mseLoss(forward(ops, p, in.get(0)), in.get(1));
    }
}
