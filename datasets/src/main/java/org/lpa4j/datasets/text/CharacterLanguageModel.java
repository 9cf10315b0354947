package org.lpa4j.datasets.text;

import java.util.Map;
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
    /** The artifact beside a saved character model that holds its vocabulary. */
    public static final String VOCABULARY_FILE = "vocabulary.json";

    /**
     * This model as a task: bits per character at every depth (accuracy beside it), the next token at every position,
     * and the vocabulary (which depends on the seed's split) as the artifact a saved model needs to read and write text.
     */
    public LoadedTask task() {
        int v = vocabulary.size();
        Map<String, Object> saved = Map.of("task", splits.task(), "unknownId", CharacterVocabulary.UNKNOWN, "symbols", vocabulary.symbols());
        return new LoadedTask(splits.task(), splits, Metric.BITS_PER_CHARACTER, LoadedTask.secondaryFor(Metric.BITS_PER_CHARACTER),
                new TaskShape(new int[] {context}, true, v, v, OutputKind.NEXT_TOKEN), Map.of(VOCABULARY_FILE, saved));
    }
}
