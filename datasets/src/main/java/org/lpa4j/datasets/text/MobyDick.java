package org.lpa4j.datasets.text;

import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.lpa4j.api.Lpa4jException;
import org.lpa4j.api.data.DataSplits;
import org.lpa4j.api.data.TensorDataset;
import org.lpa4j.api.tensor.HostTensor;
import org.lpa4j.api.tensor.Shape;
import org.lpa4j.datasets.cache.DataCache;

/**
 * Moby Dick as a character-level language model. The text is cut into {@value #REGIONS} contiguous regions of equal
 * length; the seed picks one region for validation and another for test, the rest train (a split by position, so no
 * window of one split overlaps another). The vocabulary comes from the training regions only; examples are
 * non-overlapping windows of {@code T + 1} characters inside one region, {@code x} the first T ids, {@code y} the last T.
 */
public final class MobyDick {
    /** The data set's name in the cache. */
    public static final String NAME = "moby";
    /** The whole novel as one UTF-8 file. */
    public static final String FILE = "data.txt";
    /** Contiguous regions of the text: 1 validation, 1 test, the rest training (a 90/5/5 split). */
    public static final int REGIONS = 20;
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
     * The task with {@code context} tokens per example; {@code limit > 0} keeps a seeded choice of at most {@code limit}
     * training windows and at most {@code limit} validation and test windows (0 keeps all).
     */
    public static CharacterLanguageModel load(DataCache cache, int context, int limit, long seed) {
        return split(text(cache), context, limit, seed);
    }

    /** {@link #load} on a text already in memory (at least {@value #REGIONS} windows long). */
    public static CharacterLanguageModel split(String text, int context, int limit, long seed) {
        if (context < 1) {
            throw new Lpa4jException("The context length must be at least 1 token but is " + context + "; use --context 64 or so.");
        }
        if (limit < 0) {
            throw new Lpa4jException("The example limit must be 0 (all) or positive but is " + limit + ".");
        }
        int[] codePoints = text.codePoints().toArray();
        int regionLength = codePoints.length / REGIONS;
        if (regionLength < context + 1) {
            throw new Lpa4jException("A text of " + codePoints.length + " characters is too short for " + REGIONS + " regions of windows of "
                    + (context + 1) + " characters; use a smaller --context.");
        }
        SplittableRandom random = new SplittableRandom(seed);
        int validationRegion = random.nextInt(REGIONS);
        int testRegion = (validationRegion + 1 + random.nextInt(REGIONS - 1)) % REGIONS;
        CharacterVocabulary vocabulary = trainingVocabulary(codePoints, validationRegion, testRegion);
        int[] ids = Arrays.stream(codePoints).map(vocabulary::id).toArray();
        List<Integer> trainStarts = new ArrayList<>();
        List<Integer> validationStarts = new ArrayList<>();
        List<Integer> testStarts = new ArrayList<>();
        for (int r = 0; r < REGIONS; r++) {
            List<Integer> into = r == validationRegion ? validationStarts : r == testRegion ? testStarts : trainStarts;
            for (int start = r * regionLength; start + context + 1 <= (r + 1) * regionLength; start += context) {
                into.add(start);
            }
        }
        TensorDataset train = windows(ids, choose(trainStarts, limit, random), context);
        TensorDataset validation = windows(ids, choose(validationStarts, limit, random), context);
        TensorDataset test = windows(ids, choose(testStarts, limit, random), context);
        return new CharacterLanguageModel(new DataSplits(NAME, train, validation, test), vocabulary, context);
    }

    private static CharacterVocabulary trainingVocabulary(int[] codePoints, int validationRegion, int testRegion) {
        int regionLength = codePoints.length / REGIONS;
        StringBuilder trainText = new StringBuilder();
        for (int r = 0; r < REGIONS; r++) {
            if (r != validationRegion && r != testRegion) {
                for (int i = r * regionLength; i < (r + 1) * regionLength; i++) {
                    trainText.appendCodePoint(codePoints[i]);
                }
            }
        }
        return CharacterVocabulary.of(trainText);
    }

    /** All starts, or a seeded choice of {@code limit} of them in text order. */
    private static int[] choose(List<Integer> starts, int limit, SplittableRandom random) {
        int[] all = starts.stream().mapToInt(Integer::intValue).toArray();
        if (limit == 0 || limit >= all.length) {
            return all;
        }
        for (int i = 0; i < limit; i++) {
            int j = i + random.nextInt(all.length - i);
            int t = all[i];
            all[i] = all[j];
            all[j] = t;
        }
        int[] chosen = Arrays.copyOf(all, limit);
        Arrays.sort(chosen);
        return chosen;
    }

    private static TensorDataset windows(int[] ids, int[] starts, int context) {
        int[] x = new int[starts.length * context];
        int[] y = new int[starts.length * context];
        for (int i = 0; i < starts.length; i++) {
            System.arraycopy(ids, starts[i], x, i * context, context);
            System.arraycopy(ids, starts[i] + 1, y, i * context, context);
        }
        Shape shape = Shape.of(starts.length, context);
        return new TensorDataset(HostTensor.ofInts(shape, x), HostTensor.ofInts(shape, y));
    }
}
