package org.lpa4j.datasets.text;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.lpa4j.api.Lpa4jException;

class CharacterVocabularyTest {

    @Test
    void idsFollowCodePointOrderAfterTheUnknownId() {
        CharacterVocabulary v = CharacterVocabulary.of("cab—a");
        assertEquals("abc—", v.symbols());
        assertEquals(5, v.size());
        assertEquals(1, v.id('a'));
        assertEquals(4, v.id('—'));
        assertEquals(CharacterVocabulary.UNKNOWN, v.id('z'));
        assertTrue(v.contains('c'));
        assertFalse(v.contains('z'));
    }

    @Test
    void symbolsRestoreTheSameIds() {
        CharacterVocabulary v = CharacterVocabulary.of("Call me Ishmael.");
        CharacterVocabulary restored = CharacterVocabulary.fromSymbols(v.symbols());
        String text = "Ishmael me call";
        int[] ids = restored.encode(text);
        assertEquals(text.length(), ids.length);
        StringBuilder decoded = new StringBuilder();
        for (int id : ids) {
            decoded.append(restored.decode(id));
        }
        assertEquals("Ishmael me \uFFFDall", decoded.toString());
    }

    @Test
    void aRepeatedSymbolOrABadIdIsAnError() {
        assertThrows(Lpa4jException.class, () -> CharacterVocabulary.fromSymbols("aa"));
        assertThrows(Lpa4jException.class, () -> CharacterVocabulary.of("ab").decode(3));
    }

    @Test
    void labelsRoundTrip_andLabelsOfAnythingElseAreRefused() {
        CharacterVocabulary v = CharacterVocabulary.of("Call me Ishmael.");
        assertEquals(v.symbols(), CharacterVocabulary.fromLabels(v.labels()).symbols());
        Lpa4jException notFirst = assertThrows(Lpa4jException.class,
                () -> CharacterVocabulary.fromLabels(List.of("ham", "spam")));
        assertTrue(notFirst.getMessage().contains("the first label should be the unknown character"));
        Lpa4jException wide = assertThrows(Lpa4jException.class,
                () -> CharacterVocabulary.fromLabels(List.of(CharacterVocabulary.UNKNOWN_LABEL, "a", "bc")));
        assertTrue(wide.getMessage().contains("the label 'bc' is not one character"));
    }
}
