package org.lpa4j.api.inference;

import java.util.Arrays;
import java.util.Objects;
import org.lpa4j.api.Lpa4jException;
import org.lpa4j.api.model.ProgressiveModel;
import org.lpa4j.api.tensor.HostTensor;
import org.lpa4j.api.tensor.Shape;

/**
 * Greedy decoding for a causal next-token model with a fixed context T, plain or self-speculative. A window holds the
 * last (up to) T tokens at positions 0.., with filler after them that the causal mask hides; the next token is the
 * arg-max of the readout at the last real position. Self-speculative decoding drafts up to {@code draftLength} tokens
 * with the cheap depth-{@code draftDepth} readout, then verifies them all with ONE full-depth pass (one window when
 * the text still fits the context, else a batch of one window per drafted position) and keeps the drafts up to the
 * first disagreement plus the full depth's own next token there, so its output is exactly plain full-depth greedy
 * decoding, only faster when the drafts are accepted often enough.
 */
public final class SpeculativeDecoder {
    private final ProgressiveModel model;
    private final int context;

    /** {@code model} maps INT32 {@code [batch, T]} token windows to next-token scores {@code [batch, T, V]}. */
    public SpeculativeDecoder(ProgressiveModel model) {
        this.model = Objects.requireNonNull(model, "model is null");
        this.context = TokenWindow.contextOf(model);
    }

    /** Plain full-depth greedy decoding and self-speculative decoding of the same text, each timed after a warm-up of both. */
    public record Comparison(Decoding plain, Decoding speculative) {
        /** Whether the speculative tokens are exactly the plain ones, as they must be. */
        public boolean identical() {
            return Arrays.equals(plain.tokens(), speculative.tokens());
        }

        /** How many times faster the speculative decoding ran. */
        public double speedup() {
            return speculative.tokensPerSecond() / plain.tokensPerSecond();
        }
    }

    /** {@link #greedy} and {@link #speculative} of the same {@code length} tokens, timed after a short warm-up of each. */
    public Comparison compare(int[] prompt, int length, int draftDepth, int draftLength) {
        greedy(prompt, 1);
        speculative(prompt, Math.min(length, draftLength + 1), draftDepth, draftLength);
        return new Comparison(greedy(prompt, length), speculative(prompt, length, draftDepth, draftLength));
    }

    /** {@code length} tokens after {@code prompt}, each the full depth's arg-max: one full-depth pass per token. */
    public Decoding greedy(int[] prompt, int length) {
        requireArguments(prompt, length);
        long start = System.nanoTime();
        int[] text = Arrays.copyOf(prompt, prompt.length + length);
        int n = prompt.length;
        for (int step = 0; step < length; step++) {
            text[n] = next(text, n, model.depth());
            n++;
        }
        return new Decoding(Arrays.copyOfRange(text, prompt.length, n), seconds(start), length, 0, 0);
    }

    /**
     * The same tokens as {@link #greedy}, drafted {@code draftLength} at a time with the depth-{@code draftDepth}
     * readout and verified with one full-depth pass per round.
     */
    public Decoding speculative(int[] prompt, int length, int draftDepth, int draftLength) {
        requireArguments(prompt, length);
        if (draftDepth < 1 || draftDepth >= model.depth()) {
            throw new Lpa4jException("The draft depth must be in 1.." + (model.depth() - 1) + " (shallower than the full depth "
                    + model.depth() + ") but is " + draftDepth + ".");
        }
        if (draftLength < 1) {
            throw new Lpa4jException("At least one token must be drafted per round, but the draft length is " + draftLength + ".");
        }
        long start = System.nanoTime();
        int[] text = Arrays.copyOf(prompt, prompt.length + length + draftLength);
        int n = prompt.length;
        int end = prompt.length + length;
        int passes = 0;
        int drafted = 0;
        int accepted = 0;
        while (n < end) {
            int g = Math.min(draftLength, end - n - 1);
            for (int j = 0; j < g; j++) {
                text[n + j] = next(text, n + j, draftDepth);
            }
            int[] verified = verify(text, n, g);
            passes++;
            drafted += g;
            int i = 0;
            while (i < g && text[n + i] == verified[i]) {
                i++;
            }
            accepted += i;
            text[n + i] = verified[i];
            n += i + 1;
        }
        return new Decoding(Arrays.copyOfRange(text, prompt.length, end), seconds(start), passes, drafted, accepted);
    }

    /** The depth-k arg-max after the first {@code n} tokens of {@code text}. */
    private int next(int[] text, int n, int k) {
        int from = Math.max(0, n - context);
        HostTensor scores = model.predict(HostTensor.ofInts(Shape.of(1, context), window(text, from, n)), k);
        return argMax(scores, (n - from - 1) * vocabulary(scores));
    }

    /** The full depth's arg-max after {@code n}, {@code n + 1}, ..., {@code n + g} tokens of {@code text}, in one pass. */
    private int[] verify(int[] text, int n, int g) {
        int[] out = new int[g + 1];
        if (n + g <= context) {
            HostTensor scores = model.predict(HostTensor.ofInts(Shape.of(1, context), window(text, 0, n + g)), model.depth());
            int v = vocabulary(scores);
            for (int j = 0; j <= g; j++) {
                out[j] = argMax(scores, (n + j - 1) * v);
            }
            return out;
        }
        int[] windows = new int[(g + 1) * context];
        int[] last = new int[g + 1];
        for (int j = 0; j <= g; j++) {
            int from = Math.max(0, n + j - context);
            System.arraycopy(window(text, from, n + j), 0, windows, j * context, context);
            last[j] = n + j - from - 1;
        }
        HostTensor scores = model.predict(HostTensor.ofInts(Shape.of(g + 1, context), windows), model.depth());
        int v = vocabulary(scores);
        for (int j = 0; j <= g; j++) {
            out[j] = argMax(scores, (j * context + last[j]) * v);
        }
        return out;
    }

    private int[] window(int[] text, int from, int to) {
        return TokenWindow.of(text, from, to, context);
    }

    private static int vocabulary(HostTensor scores) {
        return scores.shape().dim(-1);
    }

    private static int argMax(HostTensor scores, int offset) {
        int v = vocabulary(scores);
        int best = 0;
        for (int c = 1; c < v; c++) {
            if (scores.getDouble(offset + c) > scores.getDouble(offset + best)) {
                best = c;
            }
        }
        return best;
    }

    private void requireArguments(int[] prompt, int length) {
        if (prompt.length == 0) {
            throw new Lpa4jException("Decoding needs a prompt of at least one token.");
        }
        if (length < 1) {
            throw new Lpa4jException("Decoding needs at least one token to generate but was asked for " + length + ".");
        }
    }

    private static double seconds(long start) {
        return (System.nanoTime() - start) / 1e9;
    }
}
