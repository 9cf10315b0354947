package org.lpa4j.backend.tensorflow;

import java.util.HashMap;
import java.util.Map;
import org.tensorflow.Output;

/**
 * The NHWC twins of one trace's NCHW values. TensorFlow's CPU convolutions and pools take NHWC only, while lpa4j's
 * tensors are NCHW: a convolution's NHWC result is handed out as an NCHW transpose, and the NHWC value is remembered
 * so the next convolution, and the element-wise ops and reductions in between, work on it directly. A transpose is
 * then made only where an NCHW value is really read (a program output, a reshape, a matmul): the NCHW node of a value
 * that nothing reads is not run, since a session runs only what its fetches need.
 */
final class TensorFlowLayout {
    /** From NHWC to NCHW. */
    static final int[] TO_NCHW = {0, 3, 1, 2};
    /** From NCHW to NHWC. */
    static final int[] TO_NHWC = {0, 2, 3, 1};

    private final TensorFlowNodes nodes;
    /** Every NCHW value of this trace whose NHWC twin exists, with that twin. */
    private final Map<Output<?>, Output<?>> nhwcOf = new HashMap<>();

    TensorFlowLayout(TensorFlowNodes nodes) {
        this.nodes = nodes;
    }

    /** Whether {@code nchw} has an NHWC twin already, so an NHWC op reads it with no transpose. */
    boolean hasNhwc(Output<?> nchw) {
        return nhwcOf.containsKey(nchw);
    }

    /** The NCHW value of a rank-4 {@code nhwc} result, remembered as its twin. */
    Output<?> nchw(Output<?> nhwc) {
        Output<?> nchw = nodes.transpose(nhwc, TO_NCHW);
        nhwcOf.put(nchw, nhwc);
        return nchw;
    }

    /** The NHWC twin of a rank-4 {@code nchw} value, made (once) when it has none. */
    Output<?> nhwc(Output<?> nchw) {
        return nhwcOf.computeIfAbsent(nchw, x -> permuted(x, TO_NHWC));
    }

    /**
     * {@code x} with its axes permuted: a Reshape when the permutation moves only axes of size 1 (an image with one
     * channel), which copies nothing, otherwise a Transpose.
     */
    private Output<?> permuted(Output<?> x, int[] perm) {
        org.tensorflow.ndarray.Shape shape = x.shape();
        if (shape.isUnknown() || shape.numDimensions() != perm.length) {
            return nodes.transpose(x, perm);
        }
        int[] dims = new int[perm.length];
        int unknown = 0;
        int lastMoved = -1;
        for (int i = 0; i < perm.length; i++) {
            long size = shape.size(perm[i]);
            dims[i] = size < 0 ? -1 : (int) size;
            unknown += size < 0 ? 1 : 0;
            if (size != 1) {
                if (perm[i] < lastMoved) {
                    return nodes.transpose(x, perm);
                }
                lastMoved = perm[i];
            }
        }
        return unknown <= 1 ? nodes.op("Reshape", x, nodes.ints(dims)) : nodes.transpose(x, perm);
    }
}
