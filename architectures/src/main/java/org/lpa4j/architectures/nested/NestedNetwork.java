package org.lpa4j.architectures.nested;

import java.util.ArrayList;
import java.util.List;
import org.lpa4j.api.Lpa4jException;
import org.lpa4j.api.compile.InputSpec;
import org.lpa4j.api.ops.Ops;
import org.lpa4j.api.params.Initializer;
import org.lpa4j.api.params.ParameterSpec;
import org.lpa4j.api.params.Parameters;
import org.lpa4j.api.tensor.DType;
import org.lpa4j.api.tensor.Shape;
import org.lpa4j.api.tensor.Tensor;

/**
 * The constructive network's shape: {@code depth + 2} hidden layers of width {@code 2dN + d + 2}, ReLU on every channel
 * but the last two, sine on those, and one affine readout per level, {@code Phi_l = Phi_{l-1} + Gamma_l} with Gamma_l
 * reading layer l + 2. Its weights come from {@link NestedConstruction}; the forward runs in float64 on any backend.
 */
public final class NestedNetwork {
    /** Hidden layers before the first level's readout: one to extract a digit, one for the first sine stage. */
    public static final int LATENCY = 2;

    private final ChannelLayout layout;
    private final int depth;

    /**
     * @param dim   d >= 1
     * @param base  N >= 2
     * @param depth the number of levels L >= 0 (readouts Phi_0 .. Phi_L)
     */
    public NestedNetwork(int dim, int base, int depth) {
        if (dim < 1 || base < 2 || depth < 0) {
            throw new Lpa4jException("The nested network needs d >= 1, N >= 2 and depth >= 0, not d=" + dim + ", N=" + base
                    + ", depth=" + depth + ".");
        }
        this.layout = new ChannelLayout(dim, base);
        this.depth = depth;
    }

    public ChannelLayout layout() {
        return layout;
    }

    /** The number of levels L. */
    public int depth() {
        return depth;
    }

    /** The number of hidden layers, {@code depth + LATENCY}. */
    public int hiddenLayers() {
        return depth + LATENCY;
    }

    public int width() {
        return layout.width();
    }

    /** The input {@code x [batch, d]} in float64. */
    public InputSpec input() {
        return InputSpec.batched("x", DType.FLOAT64, layout.dim());
    }

    /** Hidden layer n's weight name (1-based). */
    public static String weight(int n) {
        return "layer" + n + ".weight";
    }

    /** Hidden layer n's bias name (1-based). */
    public static String bias(int n) {
        return "layer" + n + ".bias";
    }

    /** Level l's readout weight name (l >= 1). */
    public static String readoutWeight(int l) {
        return "level" + l + ".readout.weight";
    }

    /** Level l's readout bias name (level 0 has only a bias: the mean of f). */
    public static String readoutBias(int l) {
        return "level" + l + ".readout.bias";
    }

    /** Every parameter, in layer order; the names of the first layers do not depend on the depth. */
    public List<ParameterSpec> parameters() {
        int w = width();
        List<ParameterSpec> specs = new ArrayList<>();
        specs.add(new ParameterSpec(readoutBias(0), Shape.of(1), Initializer.zeros()));
        for (int n = 1; n <= hiddenLayers(); n++) {
            specs.add(new ParameterSpec(weight(n), Shape.of(n == 1 ? layout.dim() : w, w), Initializer.zeros()));
            specs.add(new ParameterSpec(bias(n), Shape.of(w), Initializer.zeros()));
            int level = n - LATENCY;
            if (level >= 1) {
                specs.add(new ParameterSpec(readoutWeight(level), Shape.of(w, 1), Initializer.zeros()));
                specs.add(new ParameterSpec(readoutBias(level), Shape.of(1), Initializer.zeros()));
            }
        }
        return specs;
    }

    /** The total number of scalar parameters (hidden layers and readouts). */
    public long parameterCount() {
        return parameters().stream().mapToLong(s -> s.shape().size()).sum();
    }

    /** The parameters that readouts up to level l use (layers 1..l+2 and readouts 0..l). */
    public long parameterCount(int level) {
        return new NestedNetwork(layout.dim(), layout.base(), level).parameterCount();
    }

    /** The readouts {@code Phi_0 .. Phi_L} as one tensor {@code [batch, L + 1]}. */
    public Tensor readouts(Ops ops, Parameters params, Tensor x) {
        int relu = layout.reluChannels();
        Tensor h = x;
        Tensor phi = ops.add(ops.scale(ops.slice(x, 1, 0, 1), 0.0), params.get(readoutBias(0)));
        List<Tensor> out = new ArrayList<>();
        out.add(phi);
        for (int n = 1; n <= hiddenLayers(); n++) {
            Tensor z = ops.add(ops.matmul(h, params.get(weight(n))), params.get(bias(n)));
            h = ops.concat(List.of(ops.relu(ops.slice(z, 1, 0, relu)), ops.sin(ops.slice(z, 1, relu, 2))), 1);
            int level = n - LATENCY;
            if (level >= 1) {
                Tensor gamma = ops.add(ops.matmul(h, params.get(readoutWeight(level))), params.get(readoutBias(level)));
                phi = ops.add(phi, gamma);
                out.add(phi);
            }
        }
        return ops.concat(out, 1);
    }
}
