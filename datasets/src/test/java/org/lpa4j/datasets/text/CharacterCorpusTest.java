package org.lpa4j.datasets.text;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.lpa4j.api.InvalidSettingException;
import org.lpa4j.api.Lpa4jException;
import org.lpa4j.api.data.Metric;
import org.lpa4j.api.data.OutputKind;
import org.lpa4j.api.task.LoadedTask;
import org.lpa4j.api.task.TaskOptions;

/** Any text as a next-character task: named by its owner, the training limit caps training windows only, bad input explained. */
class CharacterCorpusTest {
    /** A corpus of 20 regions, each long enough for several windows of 8 characters, with a per-region marker. */
    private static String corpus() {
        StringBuilder sb = new StringBuilder();
        for (int r = 0; r < 400; r++) {
            sb.append("verse ").append((char) ('a' + r % 26)).append(" of the sea; ");
        }
        return sb.toString();
    }

    @Test
    void aUsersCorpusKeepsItsNameAndItsHeldOutWindowsUnderATrainingLimit() {
        CharacterLanguageModel all = CharacterCorpus.split("text:verses", corpus(), 8, 0, 0, 4);
        CharacterLanguageModel limited = CharacterCorpus.split("text:verses", corpus(), 8, 30, 0, 4);
        assertEquals("text:verses", limited.splits().task());
        assertEquals(30, limited.splits().train().size());
        assertTrue(all.splits().train().size() > 30);
        assertEquals(all.splits().validation().size(), limited.splits().validation().size(), "validation is not capped by the training limit");
        assertEquals(all.splits().test().size(), limited.splits().test().size(), "test is not capped by the training limit");

        LoadedTask task = new CharacterCorpusTasks("text:verses", CharacterCorpusTest::corpus) { }
                .load("text:verses", TaskOptions.defaults().withContext(8).withLimit(30).withSeed(4));
        assertEquals(List.of("text:verses"), new CharacterCorpusTasks("text:verses", CharacterCorpusTest::corpus) { }.names());
        assertEquals(Metric.BITS_PER_CHARACTER, task.metric());
        assertEquals(Metric.ACCURACY, task.secondaryMetric());
        assertEquals(OutputKind.NEXT_TOKEN, task.shape().output());
        assertEquals(limited.vocabulary().size(), task.shape().vocabulary());
        assertEquals(limited.splits().validation().x(), task.data().validation().x());
        assertEquals(limited.vocabulary().labels(), task.labels());
    }

    @Test
    void anEmptyOrShortTextIsExplained() {
        assertEquals("The text of task 'text:none' is empty; give it a corpus of at least 20 windows.",
                assertThrows(Lpa4jException.class, () -> CharacterCorpus.split("text:none", "", 8, 0, 0, 0)).getMessage());
        InvalidSettingException shortText = assertThrows(InvalidSettingException.class,
                () -> CharacterCorpus.split("text:short", "x".repeat(100), 8, 0, 0, 0));
        assertEquals("The text of task 'text:short' has 100 characters, too few for 20 regions of windows of 9 characters; "
                + "use a smaller context or a longer text.", shortText.getMessage());
        assertEquals("context", shortText.setting());
    }
}
