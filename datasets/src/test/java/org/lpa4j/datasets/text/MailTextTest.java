package org.lpa4j.datasets.text;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.lpa4j.api.input.InputPreprocessing.WordIds;
import org.lpa4j.api.input.WordTokenizer;

class MailTextTest {

    @Test
    void keepsSubjectAndBodyAndCollapsesWhitespace() {
        String mail = "From a@b  Thu Aug 22 2002\r\nReceived: from x\r\n\tby y\r\nSUBJECT: Cheap   stuff\r\nTo: c@d\r\n\r\nBuy\r\n\r\n  now!\n";
        assertEquals("Cheap stuff\nBuy now! ", new String(MailText.subjectAndBody(mail.getBytes(StandardCharsets.ISO_8859_1)),
                StandardCharsets.ISO_8859_1));
    }

    @Test
    void aMailWithoutSubjectOrBodyGivesWhatThereIs() {
        assertEquals("\n", new String(MailText.subjectAndBody("To: x\n".getBytes(StandardCharsets.US_ASCII)), StandardCharsets.US_ASCII));
    }

    @Test
    void wordsAreLowerCaseRunsOfLettersAndDigitsAndOtherCharactersStandAlone() {
        assertEquals(List.of("win", "$", "1000", "now", "!", "<", "b", ">", "caf\u00e9"),
                WordTokenizer.tokens("WIN $1000 now!\n<b>caf\u00e9".getBytes(StandardCharsets.ISO_8859_1)));
    }

    @Test
    void theVocabularyKeepsTheMostFrequentTokensAndPads() {
        WordIds v = WordVocabulary.mostFrequent(List.of(List.of("b", "a", "b", "c"), List.of("a", "b", "d")), 4, 4);
        assertEquals(4, v.vocabularySize());
        assertEquals(List.of("b", "a"), v.words());
        assertArrayEquals(new int[] {2, 3, WordIds.UNKNOWN, WordIds.PADDING, 3, 2, 0, 0}, v.encode(List.of(List.of("b", "a", "zzz"), List.of("a", "b")))
                .toIntArray());
        assertArrayEquals(new int[] {3}, new WordIds(1, v.words()).encode(List.of(List.of("a", "b"))).toIntArray());
        assertArrayEquals(new int[] {WordIds.UNKNOWN, 2, 3, 0}, v.apply(List.of("Zzz B\nA".getBytes(StandardCharsets.ISO_8859_1))).toIntArray(),
                "raw text is tokenized as in training");
    }
}
