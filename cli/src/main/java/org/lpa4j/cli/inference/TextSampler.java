package org.lpa4j.cli.inference;

import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.function.UnaryOperator;
import org.lpa4j.api.Lpa4jException;
import org.lpa4j.api.tensor.HostTensor;
import org.lpa4j.api.tensor.Shape;
import org.lpa4j.datasets.text.CharacterVocabulary;

/**
 * Samples text from one readout of a causal character model with a fixed context T: the last (up to) T tokens sit at
 * positions 0.., the rest of the window is filler that the causal mask hides, and the next character is drawn from
 * {@code softmax(logits / temperature)} at the last real position (a sliding window once the text is longer than T).
 */
public final class TextSampler {
    private final UnaryOperator<HostTensor> readout;
    private final CharacterVocabulary vocabulary;
    private final int context;

    /** {@code readout} maps INT32 {@code [1, context]} to logits {@code [1, context, vocabulary]}. */
    public TextSampler(UnaryOperator<HostTensor> readout, CharacterVocabulary vocabulary, int context) {
        this.readout = readout;
        this.vocabulary = vocabulary;
        this.context = context;
    }

    /** {@code length} characters following {@code prompt}, drawn with {@code random}. */
    public String continuation(String prompt, int length, double temperature, SplittableRandom random) {
        int[] ids = vocabulary.encode(prompt);
        if (ids.length == 0) {
            throw new Lpa4jException("--prompt needs at least one character.");
        }
        int[] text = Arrays.copyOf(ids, ids.length + length);
        int n = ids.length;
        StringBuilder out = new StringBuilder();
        for (int step = 0; step < length; step++) {
            int from = Math.max(0, n - context);
            int[] window = new int[context];
            System.arraycopy(text, from, window, 0, n - from);
            HostTensor logits = readout.apply(HostTensor.ofInts(Shape.of(1, context), window));
            int next = draw(logits, (n - from - 1) * vocabulary.size(), temperature, random);
            text[n++] = next;
            out.append(vocabulary.decode(next));
        }
        return out.toString();
    }

    private int draw(HostTensor logits, int offset, double temperature, SplittableRandom random) {
        int v = vocabulary.size();
        double max = Double.NEGATIVE_INFINITY;
        for (int c = 1; c < v; c++) {
            max = Math.max(max, logits.getDouble(offset + c));
        }
        double[] p = new double[v];
        double total = 0;
        for (int c = 1; c < v; c++) {
            p[c] = Math.exp((logits.getDouble(offset + c) - max) / temperature);
            total += p[c];
        }
        double u = random.nextDouble() * total;
        for (int c = 1; c < v; c++) {
            u -= p[c];
            if (u <= 0) {
                return c;
            }
        }
        return v - 1;
    }
}
