package org.lpa4j.datasets.text;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.lpa4j.api.InvalidSettingException;
import org.lpa4j.api.Lpa4jException;
import org.lpa4j.api.data.DataSplits;
import org.lpa4j.api.data.Metric;
import org.lpa4j.api.data.OutputKind;
import org.lpa4j.api.data.StratifiedSplit;
import org.lpa4j.api.data.TaskShape;
import org.lpa4j.api.data.TensorDataset;
import org.lpa4j.api.input.InputPreprocessing.WordIds;
import org.lpa4j.api.input.WordTokenizer;
import org.lpa4j.api.task.LoadedTask;
import org.lpa4j.api.tensor.HostTensor;
import org.lpa4j.api.tensor.Shape;
import org.lpa4j.datasets.cache.DataCache;

/**
 * Ham (label {@value #HAM}) against spam (label {@value #SPAM}) on the SpamAssassin public corpus: each raw mail becomes
 * {@link MailText#subjectAndBody its subject and body}, split by {@link WordTokenizer}, mapped to ids by a
 * {@link WordVocabulary} of the {@value #VOCABULARY} most frequent tokens of the training mails, and truncated or
 * padded to the context length. A seeded split, stratified by class: 70% train, 15% validation, 15% test of each class.
 */
public final class SpamAssassin {
    /** The data set's name in the cache. */
    public static final String NAME = "spam";
    /** The label of a legitimate mail. */
    public static final int HAM = 0;
    /** The label of a spam mail. */
    public static final int SPAM = 1;
    /** The name of each class, by label. */
    public static final List<String> LABELS = List.of("ham", "spam");
    /** The corpus folders of legitimate mail. */
    public static final List<String> HAM_FOLDERS = List.of("easy-ham-1", "easy-ham-2", "hard-ham-1");
    /** The corpus folders of spam. */
    public static final List<String> SPAM_FOLDERS = List.of("spam-1", "spam-2");
    /** Token ids: padding, unknown and the most frequent training tokens. */
    public static final int VOCABULARY = 2048;
    /** The share of each class that goes to validation, and again to test; the rest trains. */
    public static final double HELD_OUT_SHARE = 0.15;

    private SpamAssassin() {
    }

    /**
     * The splits with {@code context} word tokens per mail; {@code limit > 0} keeps at most {@code limit} training mails
     * (a seeded choice; validation and test stay whole).
     */
    public static DataSplits load(DataCache cache, int context, int limit, long seed) {
        return task(cache, context, limit, seed).data();
    }

    /**
     * The task as {@link #load} splits it: accuracy at every depth, the labels {@link #LABELS}, and the training mails'
     * word ids as its input preprocessing, so a saved model reads raw mail text.
     */
    public static LoadedTask task(DataCache cache, int context, int limit, long seed) {
        if (context < 1) {
            throw new InvalidSettingException("context", "The context length must be at least 1 token but is " + context + "; 128 or so works.");
        }
        if (limit < 0) {
            throw new InvalidSettingException("limit", "The example limit must be 0 (all) or positive but is " + limit + ".");
        }
        List<List<String>> ham = new ArrayList<>();
        for (String folder : HAM_FOLDERS) {
            ham.addAll(read(cache, folder));
        }
        List<List<String>> spam = new ArrayList<>();
        for (String folder : SPAM_FOLDERS) {
            spam.addAll(read(cache, folder));
        }
        List<Example> all = new ArrayList<>();
        ham.forEach(m -> all.add(new Example(m, HAM)));
        spam.forEach(m -> all.add(new Example(m, SPAM)));
        int[] labels = all.stream().mapToInt(Example::label).toArray();
        int[][] split = StratifiedSplit.of(labels, 2, HELD_OUT_SHARE, HELD_OUT_SHARE, seed);
        int[] trainRows = limit > 0 && limit < split[0].length ? Arrays.copyOf(split[0], limit) : split[0];
        List<Example> train = pick(all, trainRows);
        List<Example> validation = pick(all, split[1]);
        List<Example> test = pick(all, split[2]);
        WordIds ids = WordVocabulary.mostFrequent(train.stream().map(Example::tokens).toList(), VOCABULARY, context);
        DataSplits splits = new DataSplits(NAME, tensors(train, ids), tensors(validation, ids), tensors(test, ids));
        return new LoadedTask(NAME, splits, Metric.ACCURACY, new TaskShape(new int[] {context}, true, VOCABULARY, 2, OutputKind.CLASSES),
                LABELS).withPreprocessing(ids);
    }

    private record Example(List<String> tokens, int label) {
    }

    private static List<List<String>> read(DataCache cache, String folder) {
        Path dir = cache.requireFolder(NAME, folder);
        List<Path> files;
        try (Stream<Path> listing = Files.list(dir)) {
            files = listing.filter(p -> p.getFileName().toString().endsWith(".txt")).sorted().toList();
        } catch (IOException e) {
            throw new Lpa4jException("Cannot list " + dir + " (" + e.getMessage() + "); check the folder's permissions.");
        }
        if (files.isEmpty()) {
            throw cache.corrupt(NAME, dir, "the folder holds no mails (*.txt)");
        }
        List<List<String>> out = new ArrayList<>(files.size());
        for (Path f : files) {
            try {
                out.add(WordTokenizer.tokens(MailText.subjectAndBody(Files.readAllBytes(f))));
            } catch (IOException e) {
                throw new Lpa4jException("Cannot read " + f + " (" + e.getMessage() + "); check the file's permissions.");
            }
        }
        return out;
    }

    private static List<Example> pick(List<Example> all, int[] rows) {
        List<Example> out = new ArrayList<>(rows.length);
        for (int r : rows) {
            out.add(all.get(r));
        }
        return out;
    }

    private static TensorDataset tensors(List<Example> examples, WordIds ids) {
        int[] y = examples.stream().mapToInt(Example::label).toArray();
        return new TensorDataset(ids.encode(examples.stream().map(Example::tokens).toList()), HostTensor.ofInts(Shape.of(examples.size()), y));
    }
}
