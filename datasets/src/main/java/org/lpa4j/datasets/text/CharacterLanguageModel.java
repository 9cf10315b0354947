package org.lpa4j.datasets.text;

import org.lpa4j.api.data.DataSplits;
import org.lpa4j.api.data.Metric;
import org.lpa4j.api.data.OutputKind;
import org.lpa4j.api.data.TaskShape;
import org.lpa4j.api.task.LoadedTask;

/**
 * A character-level language-modelling task: splits of windows ({@code x [n, T]} token ids, {@code y [n, T]} the
 * next token at every position) and the vocabulary that maps characters to ids.
 */
public record CharacterLanguageModel(DataSplits splits, CharacterVocabulary vocabulary, int context) {
    /**
     * This model as a task: bits per character at every depth (accuracy beside it), the next token at every position,
     * and the vocabulary (which depends on the seed's split) as the output labels a saved model needs to read and write text.
     */
    public LoadedTask task() {
        int v = vocabulary.size();
        return new LoadedTask(splits.task(), splits, Metric.BITS_PER_CHARACTER, LoadedTask.secondaryFor(Metric.BITS_PER_CHARACTER),
                new TaskShape(new int[] {context}, true, v, v, OutputKind.NEXT_TOKEN), vocabulary.labels());
    }
}
