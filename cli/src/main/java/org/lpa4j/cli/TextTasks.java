package org.lpa4j.cli;

import java.util.List;
import org.lpa4j.api.Lpa4jException;
import org.lpa4j.api.data.Metric;
import org.lpa4j.api.data.OutputKind;
import org.lpa4j.api.data.TaskShape;
import org.lpa4j.datasets.cache.DataCache;
import org.lpa4j.datasets.text.CharacterLanguageModel;
import org.lpa4j.datasets.text.MobyDick;
import org.lpa4j.datasets.text.SpamAssassin;

/**
 * The text tasks: {@code moby} (next-character prediction on Moby Dick, bits per character) and {@code spam}
 * (SpamAssassin ham against spam from the words of the mail's subject and body, accuracy); {@code --context} is the tokens per example.
 */
final class TextTasks implements TaskFamily {
    /** The next-character task; {@code generate} samples from models trained on it. */
    static final String MOBY = "moby";
    /** The mail classification task. */
    static final String SPAM = "spam";
    /** The longest context accepted: attention is quadratic in it, and the splits hold every example's ids in memory. */
    static final int MAX_CONTEXT = 2048;

    @Override
    public List<String> names() {
        return List.of(MOBY, SPAM);
    }

    /** Whether {@code task} predicts the next token at every position (a causal model), rather than one class. */
    static boolean nextToken(String task) {
        return MOBY.equals(task);
    }

    @Override
    public LoadedTask load(String task, FitOptions o) {
        requireContext(o.context());
        if (MOBY.equals(task)) {
            CharacterLanguageModel lm = MobyDick.load(DataCache.locate(), o.context(), o.limit(), o.seed());
            int v = lm.vocabulary().size();
            // generate needs the vocabulary, which depends on the seed's split; the saved model records it as its output labels.
            return new LoadedTask(task, lm.splits(), Metric.BITS_PER_CHARACTER, new TaskShape(new int[] {o.context()}, true, v, v, OutputKind.NEXT_TOKEN),
                    CharacterLabels.of(lm.vocabulary()));
        }
        return new LoadedTask(task, SpamAssassin.load(DataCache.locate(), o.context(), o.limit(), o.seed()), Metric.ACCURACY,
                new TaskShape(new int[] {o.context()}, true, SpamAssassin.VOCABULARY, 2, OutputKind.CLASSES));
    }

    private static void requireContext(int context) {
        if (context < 1 || context > MAX_CONTEXT) {
            throw new Lpa4jException("--context must be between 1 and " + MAX_CONTEXT + " tokens but is " + context + ".");
        }
    }
}
