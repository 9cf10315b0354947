package org.lpa4j.api.model;

import java.util.HashMap;
import java.util.Map;
import org.lpa4j.api.params.ParameterSpec;
import org.lpa4j.api.params.Parameters;
import org.lpa4j.api.tensor.Shape;
import org.lpa4j.api.tensor.Tensor;

/**
 * What the depth-k model of a residual network costs: its parameter count (stem, blocks 1..k, the head and depth k's own
 * readout parameters) and its multiply-adds per example (the products of matmul and conv2d, counted by tracing stem,
 * each block and depth k's readout on shapes alone). Index {@code k - 1} holds depth k.
 */
public record DepthCost(long[] parameters, long[] multiplyAdds) {

    /** The cost of every depth of {@code network}, counted without an engine. */
    public static DepthCost of(ResidualNetwork network) {
        int depth = network.depth();
        Map<String, Long> sizes = new HashMap<>();
        for (ParameterSpec s : network.parameters()) {
            sizes.put(s.name(), s.shape().size());
        }
        Parameters params = MultiplyAddCounter.parameters(network);
        MultiplyAddCounter ops = new MultiplyAddCounter();
        Shape in = network.input().shape().withDim(0, 1);
        Tensor h = network.stem(ops, params, new MultiplyAddCounter.ShapeOnly(in, network.input().dtype()));
        long stem = ops.take();
        long[] blocks = new long[depth];
        long[] heads = new long[depth];
        long[] readoutParams = new long[depth];
        long blockParameters = 0;
        long readoutParameters = 0;
        long[] blockParams = new long[depth];
        for (int l = 1; l <= depth; l++) {
            h = ops.add(h, network.block(l, ops, params, h));
            blocks[l - 1] = ops.take();
            network.head(l, ops, params, h);
            heads[l - 1] = ops.take();
            blockParams[l - 1] = network.blockParameters(l).stream().mapToLong(sizes::get).sum();
            blockParameters += blockParams[l - 1];
            readoutParams[l - 1] = network.readoutParameters(l).stream().mapToLong(sizes::get).sum();
            readoutParameters += readoutParams[l - 1];
        }
        long outside = sizes.values().stream().mapToLong(Long::longValue).sum() - blockParameters - readoutParameters;
        long[] parameters = new long[depth];
        long[] multiplyAdds = new long[depth];
        long p = outside;
        long m = stem;
        for (int k = 1; k <= depth; k++) {
            p += blockParams[k - 1];
            m += blocks[k - 1];
            parameters[k - 1] = p + readoutParams[k - 1];
            multiplyAdds[k - 1] = m + heads[k - 1];
        }
        return new DepthCost(parameters, multiplyAdds);
    }

    /** The number of depths. */
    public int depth() {
        return parameters.length;
    }

    /** Parameters of the depth-k model. */
    public long parameters(int k) {
        return parameters[k - 1];
    }

    /** Multiply-adds per example of the depth-k model. */
    public long multiplyAdds(int k) {
        return multiplyAdds[k - 1];
    }

    /** Depth k's multiply-adds over the full depth's: the latency ratio a prefix program should reach. */
    public double relativeCost(int k) {
        return (double) multiplyAdds[k - 1] / multiplyAdds[depth() - 1];
    }

    @Override
    public long[] parameters() {
        return parameters.clone();
    }

    @Override
    public long[] multiplyAdds() {
        return multiplyAdds.clone();
    }
}
