package org.lpa4j.datasets.text;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.lpa4j.api.Lpa4jException;
import org.lpa4j.api.data.DataSplits;
import org.lpa4j.api.data.TensorDataset;
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
    /** The corpus folders of legitimate mail. */
    public static final List<String> HAM_FOLDERS = List.of("easy-ham-1", "easy-ham-2", "hard-ham-1");
    /** The corpus folders of spam. */
    public static final List<String> SPAM_FOLDERS = List.of("spam-1", "spam-2");
    /** Token ids: padding, unknown and the most frequent training tokens. */
    public static final int VOCABULARY = 2048;

    private SpamAssassin() {
    }

    /**
     * The task with {@code context} word tokens per mail; {@code limit > 0} keeps at most {@code limit} training mails
     * (a seeded choice; validation and test stay whole).
     */
    public static DataSplits load(DataCache cache, int context, int limit, long seed) {
        if (context < 1) {
            throw new Lpa4jException("The context length must be at least 1 token but is " + context + "; use --context 128 or so.");
        }
        if (limit < 0) {
            throw new Lpa4jException("The example limit must be 0 (all) or positive but is " + limit + ".");
        }
        List<List<String>> ham = new ArrayList<>();
        for (String folder : HAM_FOLDERS) {
            ham.addAll(read(cache, folder));
        }
        List<List<String>> spam = new ArrayList<>();
        for (String folder : SPAM_FOLDERS) {
            spam.addAll(read(cache, folder));
        }
        SplittableRandom random = new SplittableRandom(seed);
        List<Example> train = new ArrayList<>();
        List<Example> validation = new ArrayList<>();
        List<Example> test = new ArrayList<>();
        stratify(ham, HAM, random, train, validation, test);
        stratify(spam, SPAM, random, train, validation, test);
        shuffle(train, random);
        if (limit > 0 && limit < train.size()) {
            train = train.subList(0, limit);
        }
        WordVocabulary vocabulary = WordVocabulary.mostFrequent(train.stream().map(Example::tokens).toList(), VOCABULARY);
        return new DataSplits(NAME, tensors(train, vocabulary, context), tensors(validation, vocabulary, context),
                tensors(test, vocabulary, context));
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

    private static void stratify(List<List<String>> mails, int label, SplittableRandom random, List<Example> train, List<Example> validation,
                                 List<Example> test) {
        List<Example> examples = new ArrayList<>();
        mails.forEach(m -> examples.add(new Example(m, label)));
        shuffle(examples, random);
        int nTrain = (int) Math.round(examples.size() * 0.70);
        int nValidation = (int) Math.round(examples.size() * 0.15);
        train.addAll(examples.subList(0, nTrain));
        validation.addAll(examples.subList(nTrain, nTrain + nValidation));
        test.addAll(examples.subList(nTrain + nValidation, examples.size()));
    }

    private static <T> void shuffle(List<T> list, SplittableRandom random) {
        for (int i = list.size() - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            T t = list.get(i);
            list.set(i, list.get(j));
            list.set(j, t);
        }
    }

    private static TensorDataset tensors(List<Example> examples, WordVocabulary vocabulary, int context) {
        int[] x = new int[examples.size() * context];
        int[] y = new int[examples.size()];
        for (int i = 0; i < examples.size(); i++) {
            System.arraycopy(vocabulary.encode(examples.get(i).tokens(), context), 0, x, i * context, context);
            y[i] = examples.get(i).label();
        }
        return new TensorDataset(HostTensor.ofInts(Shape.of(examples.size(), context), x), HostTensor.ofInts(Shape.of(examples.size()), y));
    }
}
