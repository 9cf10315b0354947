package org.lpa4j.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.lpa4j.api.Lpa4jException;
import org.lpa4j.datasets.text.CharacterVocabulary;

/**
 * A character vocabulary as a saved model's output labels, and back: label i is the character of id i, and id
 * {@link CharacterVocabulary#UNKNOWN} is labelled with its decoding, U+FFFD.
 */
final class CharacterLabels {
    private CharacterLabels() {
    }

    /** The label of every id of {@code vocabulary}. */
    static List<String> of(CharacterVocabulary vocabulary) {
        List<String> labels = new ArrayList<>(vocabulary.size());
        for (int id = 0; id < vocabulary.size(); id++) {
            labels.add(vocabulary.decode(id));
        }
        return labels;
    }

    /** The vocabulary whose labels these are; labels that are not one character each are refused, naming the model. */
    static CharacterVocabulary vocabulary(List<String> labels, Path model) {
        String unknown = CharacterVocabulary.fromSymbols("").decode(CharacterVocabulary.UNKNOWN);
        if (labels == null || labels.isEmpty() || !labels.get(CharacterVocabulary.UNKNOWN).equals(unknown)) {
            throw new Lpa4jException("The model at " + model + " does not record a character vocabulary (its output labels"
                    + " should start with the unknown character " + unknown + "); generate needs a character model trained with"
                    + " 'lpa4j fit --task moby --arch transformer'.");
        }
        StringBuilder symbols = new StringBuilder();
        for (String label : labels.subList(1, labels.size())) {
            if (label.codePointCount(0, label.length()) != 1) {
                throw new Lpa4jException("The model at " + model + " labels an output '" + label + "', which is not one character;"
                        + " generate needs a character model trained with 'lpa4j fit --task moby --arch transformer'.");
            }
            symbols.append(label);
        }
        return CharacterVocabulary.fromSymbols(symbols.toString());
    }
}
