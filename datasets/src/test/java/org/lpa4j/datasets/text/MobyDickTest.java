package org.lpa4j.datasets.text;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lpa4j.api.Lpa4jException;
import org.lpa4j.api.data.TensorDataset;
import org.lpa4j.datasets.cache.DataCache;
import org.lpa4j.datasets.cache.Manifests;

class MobyDickTest {
    private static final int CONTEXT = 32;

    @Test
    void windowsPredictTheNextCharacterOfTheNovel() {
        String text = MobyDick.text(DataCache.locate());
        assertTrue(text.startsWith("CHAPTER 1. Loomings."), "the cached file should be the novel");
        CharacterLanguageModel lm = CharacterCorpus.split(MobyDick.NAME, text, CONTEXT, 0, 0, 7);
        TensorDataset train = lm.splits().train();
        assertEquals(CONTEXT, train.x().shape().dim(1));
        int[] x = train.x().toIntArray();
        int[] y = train.y().toIntArray();
        for (int i = 0; i < train.size(); i++) {
            for (int t = 0; t + 1 < CONTEXT; t++) {
                assertEquals(x[i * CONTEXT + t + 1], y[i * CONTEXT + t], "y is x shifted by one position");
            }
        }
        String decoded = decode(lm.vocabulary(), x, 0, CONTEXT) + lm.vocabulary().decode(y[CONTEXT - 1]);
        assertTrue(text.contains(decoded), "a window is a piece of the novel: " + decoded);
        int total = text.codePointCount(0, text.length());
        int perRegion = (total / CharacterCorpus.REGIONS - 1) / CONTEXT;
        assertEquals(perRegion, lm.splits().validation().size());
        assertEquals(perRegion, lm.splits().test().size());
        assertEquals((CharacterCorpus.REGIONS - 2) * perRegion, train.size());
    }

    @Test
    void splitsShareNoWindowAndTheSeedMovesThem() {
        String text = MobyDick.text(DataCache.locate());
        CharacterLanguageModel a = CharacterCorpus.split(MobyDick.NAME, text, CONTEXT, 0, 0, 1);
        Set<String> trainWindows = new HashSet<>();
        int[] x = a.splits().train().x().toIntArray();
        for (int i = 0; i < a.splits().train().size(); i++) {
            trainWindows.add(decode(a.vocabulary(), x, i * CONTEXT, CONTEXT));
        }
        int[] tx = a.splits().test().x().toIntArray();
        int shared = 0;
        for (int i = 0; i < a.splits().test().size(); i++) {
            shared += trainWindows.contains(decode(a.vocabulary(), tx, i * CONTEXT, CONTEXT)) ? 1 : 0;
        }
        assertTrue(shared <= 2, "test windows repeated verbatim in training: " + shared);
        CharacterLanguageModel b = CharacterCorpus.split(MobyDick.NAME, text, CONTEXT, 0, 0, 3);
        assertTrue(!a.splits().test().x().equals(b.splits().test().x()), "another seed picks other regions");
        CharacterLanguageModel limited = MobyDick.load(DataCache.locate(), CONTEXT, 100, 1);
        assertEquals(100, limited.splits().train().size());
        assertEquals(100, limited.splits().test().size());
    }

    @Test
    void aMissingOrCorruptCacheIsAClearError(@TempDir Path dir) throws Exception {
        Lpa4jException missing = assertThrows(Lpa4jException.class, () -> MobyDick.load(new DataCache(dir), CONTEXT, 0, 0));
        assertTrue(missing.getMessage().contains("scripts/fetch-data.sh moby"), missing.getMessage());
        Files.createDirectories(dir.resolve("moby"));
        Files.write(dir.resolve("moby").resolve("data.txt"), new byte[] {(byte) 0xC3, (byte) 0x28});
        Manifests.seal(dir.resolve("moby"));
        Lpa4jException corrupt = assertThrows(Lpa4jException.class, () -> MobyDick.load(new DataCache(dir), CONTEXT, 0, 0));
        assertTrue(corrupt.getMessage().contains("corrupt"), corrupt.getMessage());
    }

    private static String decode(CharacterVocabulary v, int[] ids, int from, int length) {
        StringBuilder sb = new StringBuilder();
        for (int i = from; i < from + length; i++) {
            sb.append(v.decode(ids[i]));
        }
        return sb.toString();
    }
}
