package org.lpa4j.api.inference;

import java.util.Arrays;
import java.util.Objects;
import java.util.SplittableRandom;
import org.lpa4j.api.InvalidSettingException;
import org.lpa4j.api.Lpa4jException;
import org.lpa4j.api.model.ProgressiveModel;
import org.lpa4j.api.tensor.HostTensor;
import org.lpa4j.api.tensor.Shape;

/**
 * Samples tokens from one depth's readout of a causal next-token model with a fixed context T: the window holds the
 * last (up to) T tokens (a sliding window once the text is longer), and the next token is drawn from {@code
 * softmax(scores / temperature)} at the last real position. Token id 0, the unknown token of lpa4j's vocabularies, is
 * never drawn. The same prompt, depth, temperature and seed give the same tokens.
 */
public final class TokenSampler {
    /** The temperature generation uses unless told otherwise: a little more conservative than the model's own distribution. */
    public static final double DEFAULT_TEMPERATURE = 0.8;
    /** The most tokens generated in one call: a million (the prompt and the text are held in memory). */
    public static final int MAX_LENGTH = 1_000_000;

    private final ProgressiveModel model;
    private final int context;

    /** {@code model} maps INT32 {@code [batch, T]} token windows to next-token scores {@code [batch, T, V]}. */
    public TokenSampler(ProgressiveModel model) {
        this.model = Objects.requireNonNull(model, "model is null");
        this.context = TokenWindow.contextOf(model);
    }

    /** Checks a length and temperature before any model is loaded; a bad one is an {@link InvalidSettingException} naming it. */
    public static void check(int length, double temperature) {
        if (length < 1 || length > MAX_LENGTH) {
            throw new InvalidSettingException("length", "The text to generate must be between 1 and " + MAX_LENGTH + " tokens long but is "
                    + length + ".");
        }
        if (!(temperature > 0) || Double.isInfinite(temperature)) {
            throw new InvalidSettingException("temperature", "The sampling temperature must be a positive number but is " + temperature + ".");
        }
    }

    /** {@code length} token ids after {@code prompt}, drawn at depth {@code depth} with a generator seeded {@code seed}. */
    public int[] sample(int[] prompt, int length, int depth, double temperature, long seed) {
        check(length, temperature);
        if (prompt.length == 0) {
            throw new Lpa4jException("Sampling needs a prompt of at least one token.");
        }
        if (depth < 1 || depth > model.depth()) {
            throw new InvalidSettingException("depth", "The depth to sample from must be in 1.." + model.depth() + " but is " + depth + ".");
        }
        SplittableRandom random = new SplittableRandom(seed);
        int[] text = Arrays.copyOf(prompt, prompt.length + length);
        int n = prompt.length;
        for (int step = 0; step < length; step++) {
            int from = Math.max(0, n - context);
            HostTensor scores = model.predict(HostTensor.ofInts(Shape.of(1, context), TokenWindow.of(text, from, n, context)), depth);
            int vocabulary = scores.shape().dim(-1);
            text[n] = draw(scores, (n - from - 1) * vocabulary, vocabulary, temperature, random);
            n++;
        }
        return Arrays.copyOfRange(text, prompt.length, n);
    }

    private static int draw(HostTensor scores, int offset, int vocabulary, double temperature, SplittableRandom random) {
        double max = Double.NEGATIVE_INFINITY;
        for (int c = 1; c < vocabulary; c++) {
            max = Math.max(max, scores.getDouble(offset + c));
        }
        double[] p = new double[vocabulary];
        double total = 0;
        for (int c = 1; c < vocabulary; c++) {
            p[c] = Math.exp((scores.getDouble(offset + c) - max) / temperature);
            total += p[c];
        }
        double u = random.nextDouble() * total;
        for (int c = 1; c < vocabulary; c++) {
            u -= p[c];
            if (u <= 0) {
                return c;
            }
        }
        return vocabulary - 1;
    }
}
