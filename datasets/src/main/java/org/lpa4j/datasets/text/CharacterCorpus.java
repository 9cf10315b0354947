package org.lpa4j.datasets.text;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.lpa4j.api.InvalidSettingException;
import org.lpa4j.api.Lpa4jException;
import org.lpa4j.api.data.DataSplits;
import org.lpa4j.api.data.TensorDataset;
import org.lpa4j.api.tensor.HostTensor;
import org.lpa4j.api.tensor.Shape;

/**
 * Any text as a character-level language model. The text is cut into {@value #REGIONS} contiguous regions of equal
 * length; the seed picks one region for validation and another for test, the rest train (a split by position, so no
 * window of one split overlaps another: 90/5/5). The vocabulary comes from the training regions only; examples are
 * non-overlapping windows of {@code T + 1} characters inside one region, {@code x} the first T ids, {@code y} the last T.
 */
public final class CharacterCorpus {
    /** Contiguous regions of the text: 1 validation, 1 test, the rest training (a 90/5/5 split). */
    public static final int REGIONS = 20;

    private CharacterCorpus() {
    }

    /**
     * The task {@code name} on {@code text} (at least {@value #REGIONS} windows long) with {@code context} tokens per
     * example; {@code trainLimit > 0} keeps a seeded choice of at most that many training windows, {@code heldOutLimit > 0}
     * at most that many validation and test windows (0 keeps all).
     */
    public static CharacterLanguageModel split(String name, String text, int context, int trainLimit, int heldOutLimit, long seed) {
        if (context < 1) {
            throw new InvalidSettingException("context", "The context length must be at least 1 token but is " + context + "; 64 or so works.");
        }
        if (trainLimit < 0 || heldOutLimit < 0) {
            throw new InvalidSettingException("limit", "The example limits must be 0 (all) or positive but are " + trainLimit + " (training) and "
                    + heldOutLimit + " (validation and test).");
        }
        if (text.isEmpty()) {
            throw new Lpa4jException("The text of task '" + name + "' is empty; give it a corpus of at least " + REGIONS + " windows.");
        }
        int[] codePoints = text.codePoints().toArray();
        int regionLength = codePoints.length / REGIONS;
        if (regionLength < context + 1) {
            throw new InvalidSettingException("context", "The text of task '" + name + "' has " + codePoints.length + " characters, too few for "
                    + REGIONS + " regions of windows of " + (context + 1) + " characters; use a smaller context or a longer text.");
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
        TensorDataset train = windows(ids, choose(trainStarts, trainLimit, random), context);
        TensorDataset validation = windows(ids, choose(validationStarts, heldOutLimit, random), context);
        TensorDataset test = windows(ids, choose(testStarts, heldOutLimit, random), context);
        return new CharacterLanguageModel(new DataSplits(name, train, validation, test), vocabulary, context);
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
