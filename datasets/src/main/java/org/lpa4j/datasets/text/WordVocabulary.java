package org.lpa4j.datasets.text;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.lpa4j.api.Lpa4jException;

/**
 * Ids for the most frequent tokens of a training corpus: id {@value #PADDING} pads a short text, id {@value #UNKNOWN}
 * stands for every token outside the vocabulary, ids 2.. are the tokens by falling count (ties in string order).
 */
public final class WordVocabulary {
    /** The id that fills positions past the end of a short text. */
    public static final int PADDING = 0;
    /** The id of a token outside the vocabulary. */
    public static final int UNKNOWN = 1;

    private final List<String> words;
    private final Map<String, Integer> ids = new HashMap<>();

    private WordVocabulary(List<String> words) {
        this.words = List.copyOf(words);
        for (int i = 0; i < words.size(); i++) {
            ids.put(words.get(i), i + 2);
        }
    }

    /** The {@code size - 2} most frequent tokens of {@code corpus} (fewer when the corpus has fewer distinct tokens). */
    public static WordVocabulary mostFrequent(List<List<String>> corpus, int size) {
        if (size < 3) {
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
        for (int i = 0; i < Math.min(size - 2, entries.size()); i++) {
            words.add(entries.get(i).getKey());
        }
        return new WordVocabulary(words);
    }

    /** The number of ids, padding and unknown included. */
    public int size() {
        return words.size() + 2;
    }

    /** The id of {@code word}, or {@link #UNKNOWN}. */
    public int id(String word) {
        return ids.getOrDefault(word, UNKNOWN);
    }

    /** The word of id {@code id} (2 ..), for reports. */
    public String word(int id) {
        if (id < 2 || id >= size()) {
            throw new Lpa4jException("Token id " + id + " names no word of this vocabulary (ids 2.." + (size() - 1) + ").");
        }
        return words.get(id - 2);
    }

    /** The ids of the first {@code length} tokens, padded with {@link #PADDING}. */
    public int[] encode(List<String> tokens, int length) {
        int[] out = new int[length];
        for (int i = 0; i < Math.min(length, tokens.size()); i++) {
            out[i] = id(tokens.get(i));
        }
        return out;
    }
}
