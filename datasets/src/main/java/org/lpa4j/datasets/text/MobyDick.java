package org.lpa4j.datasets.text;

import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import org.lpa4j.api.Lpa4jException;
import org.lpa4j.datasets.cache.DataCache;

/** Moby Dick (the registry package's text, cached) as a character-level language model, split as {@link CharacterCorpus} does. */
public final class MobyDick {
    /** The data set's name in the cache. */
    public static final String NAME = "moby";
    /** The whole novel as one UTF-8 file. */
    public static final String FILE = "data.txt";
    /** Fewer characters than this means the cached file is not the novel. */
    private static final int MIN_CHARACTERS = 100_000;

    private MobyDick() {
    }

    /** Reads the cached novel. */
    public static String text(DataCache cache) {
        Path path = cache.require(NAME, FILE);
        String text;
        try {
            byte[] bytes = Files.readAllBytes(path);
            text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw cache.corrupt(NAME, path, "it is not valid UTF-8 text");
        } catch (IOException e) {
            throw new Lpa4jException("Cannot read " + path + " (" + e.getMessage() + "); check the file's permissions.");
        }
        if (text.length() < MIN_CHARACTERS) {
            throw cache.corrupt(NAME, path, "it has " + text.length() + " characters, fewer than the " + MIN_CHARACTERS
                    + " of the novel");
        }
        return text;
    }

    /**
     * The task with {@code context} tokens per example, split as {@link CharacterCorpus} does; {@code limit > 0} keeps a
     * seeded choice of at most {@code limit} training windows and at most {@code limit} validation and test windows (0
     * keeps all), so a small run of the novel stays small.
     */
    public static CharacterLanguageModel load(DataCache cache, int context, int limit, long seed) {
        return CharacterCorpus.split(NAME, text(cache), context, limit, limit, seed);
    }
}
