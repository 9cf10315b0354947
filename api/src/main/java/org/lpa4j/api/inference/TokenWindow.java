package org.lpa4j.api.inference;

import org.lpa4j.api.Lpa4jException;
import org.lpa4j.api.data.OutputKind;
import org.lpa4j.api.model.ProgressiveModel;
import org.lpa4j.api.tensor.DType;
import org.lpa4j.api.tensor.Shape;

/**
 * The window a causal next-token model with a fixed context T reads while it writes: the last (up to) T tokens at
 * positions 0.., then filler that the causal mask hides; shared by the decoders and the sampler.
 */
final class TokenWindow {
    private TokenWindow() {
    }

    /** The context T of {@code model}, which must map INT32 {@code [batch, T]} windows to next-token scores. */
    static int contextOf(ProgressiveModel model) {
        Shape input = model.network().input().shape();
        if (input.rank() != 2 || !model.network().input().dtype().equals(DType.INT32)) {
            throw new Lpa4jException("Decoding needs a next-token model (" + OutputKind.NEXT_TOKEN + ") on INT32 token windows [batch, T],"
                    + " but network " + model.network().name() + " takes " + model.network().input().dtype() + " " + input + ".");
        }
        return input.dim(1);
    }

    /** Tokens {@code from..to-1} of {@code text} at positions 0.., in a window of {@code context} tokens. */
    static int[] of(int[] text, int from, int to, int context) {
        int[] w = new int[context];
        System.arraycopy(text, from, w, 0, to - from);
        return w;
    }
}
