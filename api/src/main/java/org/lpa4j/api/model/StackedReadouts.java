package org.lpa4j.api.model;

import org.lpa4j.api.ops.Ops;
import org.lpa4j.api.tensor.Shape;
import org.lpa4j.api.tensor.Tensor;

/**
 * Readouts of depths 1..k stacked along the batch axis, {@code [k * B, ...]} (what {@link
 * ResidualNetwork#stackedReadouts} returns): viewed with depth as its own axis, or one depth's readout taken out.
 */
public final class StackedReadouts {
    private StackedReadouts() {
    }

    /** {@code stacked [k * B, ...]} as {@code [k, B, ...]}: an elementwise loss against targets {@code [B, ...]} broadcasts over the depths. */
    public static Tensor byDepth(Ops ops, Tensor stacked, int k) {
        int[] dims = stacked.shape().dims();
        int[] byDepth = new int[dims.length + 1];
        byDepth[0] = k;
        byDepth[1] = Shape.UNKNOWN;
        System.arraycopy(dims, 1, byDepth, 2, dims.length - 1);
        return ops.reshape(stacked, Shape.of(byDepth));
    }

    /** The readout of depth {@code l} (1-based), {@code [B, ...]}, out of {@code stacked [k * B, ...]}. */
    public static Tensor depth(Ops ops, Tensor stacked, int k, int l) {
        int[] readout = stacked.shape().dims();
        readout[0] = Shape.UNKNOWN;
        return ops.reshape(ops.slice(byDepth(ops, stacked, k), 0, l - 1, 1), Shape.of(readout));
    }
}
