package org.lpa4j.datasets.images;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.lpa4j.api.Lpa4jException;
import org.lpa4j.api.data.DataSplits;
import org.lpa4j.api.data.Metric;
import org.lpa4j.api.data.OutputKind;
import org.lpa4j.api.data.Permutation;
import org.lpa4j.api.data.StratifiedSplit;
import org.lpa4j.api.data.TaskShape;
import org.lpa4j.api.input.InputPreprocessing.GreyImages;
import org.lpa4j.api.task.LoadedTask;
import org.lpa4j.datasets.cache.DataCache;

/**
 * The image-classification data sets and their seeded splits. MNIST and Fashion-MNIST: a seeded validation slice of
 * the 60,000 training images, the rest (capped by {@code limit}) train, the official 10,000 test images test. Digits:
 * a seeded stratified 70/15/15 train/validation/test split of the 1,797 images. Inputs are standardised as
 * {@link ImageSplits} says.
 */
public enum ImageDataSet {
    /** The sklearn 8x8 handwritten digits. */
    DIGITS("digits", List.of("0", "1", "2", "3", "4", "5", "6", "7", "8", "9")),
    /** Handwritten digits, 28x28. */
    MNIST("mnist", List.of("0", "1", "2", "3", "4", "5", "6", "7", "8", "9")),
    /** Zalando's clothing images, 28x28, in the MNIST format. */
    FASHION_MNIST("fashion-mnist", List.of("T-shirt/top", "Trouser", "Pullover", "Dress", "Coat", "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot"));

    /** Classes of every image data set here. */
    public static final int CLASSES = 10;
    /** The size of the MNIST-style validation slice without a limit. */
    public static final int VALIDATION_EXAMPLES = 5000;
    /** The smallest validation slice, so a small {@code limit} still gives a stable early-stopping signal. */
    public static final int MIN_VALIDATION_EXAMPLES = 1000;
    /** Digits: the share of every class that goes to validation, and the same share to test. */
    public static final double DIGITS_HELD_OUT_SHARE = 0.15;

    private final String id;
    private final List<String> labels;

    ImageDataSet(String id, List<String> labels) {
        this.id = id;
        this.labels = labels;
    }

    /** The name of each class, by label. */
    public List<String> labels() {
        return labels;
    }

    /** The name used on the command line and in the cache. */
    public String id() {
        return id;
    }

    /** The data set called {@code id}, or an error listing the names. */
    public static ImageDataSet byId(String id) {
        return Arrays.stream(values()).filter(d -> d.id.equals(id)).findFirst().orElseThrow(() -> new Lpa4jException(
                "Unknown image data set '" + id + "'. Known: " + String.join(", ", Arrays.stream(values()).map(ImageDataSet::id).toList()) + "."));
    }

    /**
     * The splits, with at most {@code limit} training images (0 = all). MNIST-style sets take a validation slice of
     * {@value #VALIDATION_EXAMPLES} images, or with a limit {@code limit / 5} clamped to
     * [{@value #MIN_VALIDATION_EXAMPLES}, {@value #VALIDATION_EXAMPLES}].
     */
    public DataSplits load(DataCache cache, int limit, long seed) {
        return task(cache, limit, seed).data();
    }

    /**
     * The task on the splits {@link #load} gives: top-1 accuracy, the class names as labels, and the training split's
     * standardisation as the input preprocessing, so a saved model reads raw images.
     */
    public LoadedTask task(DataCache cache, int limit, long seed) {
        if (limit < 0) {
            throw new Lpa4jException("The training-example limit must be 0 (all) or positive but is " + limit + ".");
        }
        if (this == DIGITS) {
            LabelledImages all = SklearnDigits.read(cache);
            int[][] split = StratifiedSplit.of(all.labels(), CLASSES, DIGITS_HELD_OUT_SHARE, DIGITS_HELD_OUT_SHARE, seed);
            return splits(all, ImageSplits.limit(split[0], limit), split[1], all, split[2]);
        }
        IdxReader reader = new IdxReader(cache, id);
        LabelledImages trainFile = reader.read(file(cache, "train-images-idx3-ubyte"), file(cache, "train-labels-idx1-ubyte"), CLASSES);
        LabelledImages testFile = reader.read(file(cache, "t10k-images-idx3-ubyte"), file(cache, "t10k-labels-idx1-ubyte"), CLASSES);
        int nValidation = limit == 0 ? VALIDATION_EXAMPLES : Math.max(MIN_VALIDATION_EXAMPLES, Math.min(VALIDATION_EXAMPLES, limit / 5));
        if (trainFile.count() <= nValidation) {
            throw cache.corrupt(id, cache.dataset(id), "its training file has only " + trainFile.count() + " images, fewer than the "
                    + (nValidation + 1) + " a validation slice and a training split need");
        }
        int[] order = Permutation.of(trainFile.count(), seed);
        int[] validation = Arrays.copyOfRange(order, 0, nValidation);
        int[] train = ImageSplits.limit(Arrays.copyOfRange(order, nValidation, order.length), limit);
        int[] test = new int[testFile.count()];
        Arrays.setAll(test, i -> i);
        return splits(trainFile, train, validation, testFile, test);
    }

    private LoadedTask splits(LabelledImages trainSource, int[] train, int[] validation, LabelledImages testSource, int[] test) {
        GreyImages preprocessing = ImageSplits.preprocessing(trainSource, train);
        DataSplits data = new DataSplits(id, ImageSplits.dataset(trainSource, train, preprocessing),
                ImageSplits.dataset(trainSource, validation, preprocessing), ImageSplits.dataset(testSource, test, preprocessing));
        return new LoadedTask(id, data, Metric.ACCURACY, new TaskShape(new int[] {1, trainSource.rows(), trainSource.cols()}, false, 0,
                CLASSES, OutputKind.CLASSES), labels).withPreprocessing(preprocessing);
    }

    /** The cached file {@code base}, raw or gzipped ({@code base.gz}), or the missing-data-set error. */
    private Path file(DataCache cache, String base) {
        if (!Files.isRegularFile(cache.dataset(id).resolve(base)) && Files.isRegularFile(cache.dataset(id).resolve(base + ".gz"))) {
            return cache.require(id, base + ".gz");
        }
        return cache.require(id, base);
    }
}
