package org.lpa4j.datasets.text;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.lpa4j.api.Lpa4jException;

/**
 * Token ids for the characters (Unicode code points) of a training text: id {@value #UNKNOWN} is reserved for any
 * character the training text lacks, the others follow in code-point order. Saved and restored as its symbol string.
 */
public final class CharacterVocabulary {
    /** The id every character outside the vocabulary maps to. */
    public static final int UNKNOWN = 0;
    /** What the unknown id decodes to, and its label: U+FFFD, the replacement character. */
    public static final String UNKNOWN_LABEL = "\uFFFD";

    private final String symbols;
    private final int[] codePoints;
    private final Map<Integer, Integer> ids = new HashMap<>();

    private CharacterVocabulary(String symbols) {
        this.symbols = symbols;
        this.codePoints = symbols.codePoints().toArray();
        for (int i = 0; i < codePoints.length; i++) {
            if (ids.put(codePoints[i], i + 1) != null) {
                throw new Lpa4jException("A character vocabulary lists the character '" + Character.toString(codePoints[i])
                        + "' twice; each character may appear once.");
            }
        }
    }

    /** The vocabulary of every distinct character in {@code text}. */
    public static CharacterVocabulary of(CharSequence text) {
        TreeSet<Integer> distinct = new TreeSet<>();
        text.codePoints().forEach(distinct::add);
        StringBuilder sb = new StringBuilder();
        distinct.forEach(sb::appendCodePoint);
        return new CharacterVocabulary(sb.toString());
    }

    /** The vocabulary whose ids 1, 2, ... are the characters of {@code symbols} in order (as {@link #symbols()} gives). */
    public static CharacterVocabulary fromSymbols(String symbols) {
        return new CharacterVocabulary(symbols);
    }

    /**
     * The vocabulary whose {@link #labels()} these are: label 0 the unknown character's decoding (U+FFFD), every other
     * label one character; anything else is refused with a sentence saying which label does not fit.
     */
    public static CharacterVocabulary fromLabels(List<String> labels) {
        String unknown = UNKNOWN_LABEL;
        if (labels == null || labels.isEmpty() || !labels.get(UNKNOWN).equals(unknown)) {
            throw new Lpa4jException("These output labels are not a character vocabulary: the first label should be the unknown"
                    + " character " + unknown + ".");
        }
        StringBuilder symbols = new StringBuilder();
        for (String label : labels.subList(1, labels.size())) {
            if (label.codePointCount(0, label.length()) != 1) {
                throw new Lpa4jException("These output labels are not a character vocabulary: the label '" + label
                        + "' is not one character.");
            }
            symbols.append(label);
        }
        return fromSymbols(symbols.toString());
    }

    /** The known characters in id order, starting at id 1. */
    public String symbols() {
        return symbols;
    }

    /** The number of ids, the unknown id included. */
    public int size() {
        return codePoints.length + 1;
    }

    /** Whether the character {@code codePoint} has its own id. */
    public boolean contains(int codePoint) {
        return ids.containsKey(codePoint);
    }

    /** The id of {@code codePoint}, or {@link #UNKNOWN}. */
    public int id(int codePoint) {
        return ids.getOrDefault(codePoint, UNKNOWN);
    }

    /** The ids of every character of {@code text}. */
    public int[] encode(CharSequence text) {
        return text.codePoints().map(this::id).toArray();
    }

    /**
     * The ids of every character of {@code text}, which must be a non-empty text of characters this vocabulary holds;
     * otherwise a sentence names the characters it lacks.
     */
    public int[] encodeKnown(CharSequence text) {
        java.util.TreeSet<String> unknown = new java.util.TreeSet<>();
        text.codePoints().filter(c -> !contains(c)).forEach(c -> unknown.add(Character.toString(c)));
        if (!unknown.isEmpty()) {
            throw new Lpa4jException("The text has characters the model never saw in training: " + String.join(" ", unknown)
                    + ". Use only characters of the training text.");
        }
        if (text.length() == 0) {
            throw new Lpa4jException("The text to continue needs at least one character.");
        }
        return encode(text);
    }

    /** The text of {@code ids}, one character per id (the unknown id's is U+FFFD). */
    public String decode(int[] ids) {
        StringBuilder text = new StringBuilder();
        for (int id : ids) {
            text.append(decode(id));
        }
        return text.toString();
    }

    /** The label of every id, in id order: the character it decodes to (the unknown id's is U+FFFD). */
    public List<String> labels() {
        List<String> labels = new ArrayList<>(size());
        for (int id = 0; id < size(); id++) {
            labels.add(decode(id));
        }
        return labels;
    }

    /** The character of {@code id}; the unknown id decodes to U+FFFD. */
    public String decode(int id) {
        if (id < 0 || id >= size()) {
            throw new Lpa4jException("Token id " + id + " is outside the vocabulary of " + size() + " ids.");
        }
        return id == UNKNOWN ? UNKNOWN_LABEL : Character.toString(codePoints[id - 1]);
    }
}
