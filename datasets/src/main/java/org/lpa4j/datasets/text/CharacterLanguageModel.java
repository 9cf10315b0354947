package org.lpa4j.datasets.text;

import org.lpa4j.api.data.DataSplits;

/**
 * A character-level language-modelling task: splits of windows ({@code x [n, T]} token ids, {@code y [n, T]} the
 * next token at every position) and the vocabulary that maps characters to ids.
 */
public record CharacterLanguageModel(DataSplits splits, CharacterVocabulary vocabulary, int context) {
}
