package org.lpa4j.api.model;

import org.lpa4j.api.ops.Ops;
import org.lpa4j.api.params.Parameters;
import org.lpa4j.api.tensor.Shape;
import org.lpa4j.api.tensor.Tensor;

/**
 * Readouts of depths 1..k stacked along the batch axis, {@code [k * B, ...]} (what {@link
 * ResidualNetwork#stackedReadouts} returns): viewed with depth as its own axis, or one depth's readout taken out.
 */
public final class StackedReadouts {
    /**
     * Whether a network class overrides {@link ResidualNetwork#readouts}, looked up once per class: an eager engine
     * traces the loss on every step.
     */
    private static final ClassValue<Boolean> OWN_READOUTS = new ClassValue<>() {
        @Override
        protected Boolean computeValue(Class<?> type) {
            try {
                return type.getMethod("readouts", Ops.class, Parameters.class, Tensor.class, int.class, boolean.class)
                        .getDeclaringClass() != ResidualNetwork.class;
            } catch (NoSuchMethodException e) {
                throw new IllegalStateException("ResidualNetwork.readouts is missing from " + type.getName(), e);
            }
        }
    };

    private StackedReadouts() {
    }

    /** Whether {@code network} (a {@link ResidualNetwork} class) has readouts of its own rather than the heads of its states. */
    public static boolean overridesReadouts(Class<?> network) {
        return OWN_READOUTS.get(network);
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
