package org.lpa4j.api.model;

import org.lpa4j.api.tensor.Shape;

/** The shape of a residual network's state {@code h_l} for one example, found by tracing its stem on shapes alone (no engine). */
public final class StateShape {
    private StateShape() {
    }

    /** The dimensions of {@code h_0} (and so of every {@code h_l}) for a batch of one, batch axis included. */
    public static int[] of(ResidualNetwork network) {
        Shape in = network.input().shape().withDim(0, 1);
        return network.stem(new MultiplyAddCounter(), MultiplyAddCounter.parameters(network),
                new MultiplyAddCounter.ShapeOnly(in, network.input().dtype())).shape().dims();
    }
}
