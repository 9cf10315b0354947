package org.lpa4j.datasets.text;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lpa4j.api.Lpa4jException;
import org.lpa4j.api.data.DataSplits;
import org.lpa4j.api.data.TensorDataset;
import org.lpa4j.datasets.cache.DataCache;
import org.lpa4j.datasets.cache.Manifests;

class SpamAssassinTest {
    private static final int CONTEXT = 64;

    @Test
    void everyMailLandsInOneSplitWithItsClassShareKept() throws IOException {
        DataCache cache = DataCache.locate();
        Assumptions.assumeTrue(Files.isDirectory(cache.dataset(SpamAssassin.NAME).resolve("spam-2")),
                "skipped: the spam data set is not in the data cache " + cache.root() + "; fetch it with scripts/fetch-data.sh spam");
        int ham = 0;
        for (String f : SpamAssassin.HAM_FOLDERS) {
            ham += countMails(cache.requireFolder(SpamAssassin.NAME, f));
        }
        int spam = 0;
        for (String f : SpamAssassin.SPAM_FOLDERS) {
            spam += countMails(cache.requireFolder(SpamAssassin.NAME, f));
        }
        DataSplits splits = SpamAssassin.load(cache, CONTEXT, 0, 3);
        assertEquals(ham + spam, splits.train().size() + splits.validation().size() + splits.test().size());
        double share = (double) spam / (ham + spam);
        for (TensorDataset d : new TensorDataset[] {splits.train(), splits.validation(), splits.test()}) {
            assertEquals(share, spamShare(d), 0.01, "stratified: every split keeps the corpus's spam share");
            assertEquals(CONTEXT, d.x().shape().dim(1));
            for (int id : d.x().toIntArray()) {
                assertTrue(id >= 0 && id < SpamAssassin.VOCABULARY);
            }
        }
        assertEquals(500, SpamAssassin.load(cache, CONTEXT, 500, 3).train().size());
    }

    @Test
    void aMissingFolderIsAClearError(@TempDir Path dir) throws IOException {
        Lpa4jException missing = assertThrows(Lpa4jException.class, () -> SpamAssassin.load(new DataCache(dir), CONTEXT, 0, 0));
        assertTrue(missing.getMessage().contains("scripts/fetch-data.sh spam"), missing.getMessage());
        for (String f : SpamAssassin.HAM_FOLDERS) {
            Files.createDirectories(dir.resolve("spam").resolve(f));
        }
        Manifests.seal(dir.resolve("spam"));
        Lpa4jException empty = assertThrows(Lpa4jException.class, () -> SpamAssassin.load(new DataCache(dir), CONTEXT, 0, 0));
        assertTrue(empty.getMessage().contains("no mails"), empty.getMessage());
    }

    private static int countMails(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return (int) s.filter(p -> p.toString().endsWith(".txt")).count();
        }
    }

    private static double spamShare(TensorDataset d) {
        int spam = 0;
        for (int label : d.y().toIntArray()) {
            spam += label == SpamAssassin.SPAM ? 1 : 0;
        }
        return (double) spam / d.size();
    }
}
