package org.lpa4j.datasets.text;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.lpa4j.api.Lpa4jException;
import org.lpa4j.api.input.InputPreprocessing.WordIds;

/**
 * The most frequent tokens of a training corpus as word ids ({@link WordIds}): id {@value WordIds#PADDING} pads a
 * short text, id {@value WordIds#UNKNOWN} stands for every token outside the vocabulary, ids 2.. are the tokens by
 * falling count (ties in string order).
 */
public final class WordVocabulary {
    private WordVocabulary() {
    }

    /**
     * Texts of {@code length} ids over the {@code size - 2} most frequent tokens of {@code corpus} (fewer when the
     * corpus has fewer distinct tokens).
     */
    public static WordIds mostFrequent(List<List<String>> corpus, int size, int length) {
        if (size < WordIds.FIRST_WORD + 1) {
            throw new Lpa4jException("A word vocabulary needs at least 3 ids (padding, unknown, one word) but " + size + " were asked for.");
        }
        Map<String, Integer> counts = new HashMap<>();
        for (List<String> text : corpus) {
            for (String w : text) {
                counts.merge(w, 1, Integer::sum);
            }
        }
        List<Map.Entry<String, Integer>> entries = new ArrayList<>(counts.entrySet());
        entries.sort(Map.Entry.<String, Integer>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()));
        List<String> words = new ArrayList<>();
        for (int i = 0; i < Math.min(size - WordIds.FIRST_WORD, entries.size()); i++) {
            words.add(entries.get(i).getKey());
        }
        return new WordIds(length, words);
    }
}
