package org.lpa4j.api.input;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.lpa4j.api.Lpa4jException;
import org.lpa4j.api.data.TaskShape;
import org.lpa4j.api.tensor.DType;
import org.lpa4j.api.tensor.HostTensor;
import org.lpa4j.api.tensor.Shape;

/**
 * How a task turns one raw input (a row of features, a grey image, a text) into the network's input, with every number
 * it learned from the training split. A task records it beside its splits, a saved model keeps it, and it is applied to
 * new inputs, so a saved model reads the raw form its task read. Plain records, so they can be saved with a model.
 */
public sealed interface InputPreprocessing permits InputPreprocessing.Features, InputPreprocessing.GreyImages, InputPreprocessing.WordIds {

    /** The raw form this reads, for messages, e.g. {@code grey images of 28x28 pixels}. */
    String rawForm();

    /** Why this cannot prepare the inputs of a model of {@code shape}, or null when it fits. */
    String misfit(TaskShape shape);

    /** Rows of numbers are the network's input as they are (e.g. points of a surface). */
    record Features() implements InputPreprocessing {
        @Override
        public String rawForm() {
            return "rows of numbers (CSV)";
        }

        @Override
        public String misfit(TaskShape shape) {
            return shape.tokens() || shape.example().length != 1 ? "rows of numbers feed a model that reads one vector of numbers per example,"
                    + " not " + (shape.tokens() ? "token ids" : "shape " + Arrays.toString(shape.example())) : null;
        }
    }

    /**
     * Grey images of {@code rows x cols} pixels: each pixel is scaled to [0, 1] by the largest value of its source (255
     * for 8-bit images) and then standardised with the training split's {@code mean} and standard deviation {@code std},
     * giving one channel {@code [1, rows, cols]}.
     */
    record GreyImages(int rows, int cols, double mean, double std) implements InputPreprocessing {
        public GreyImages {
            if (rows <= 0 || cols <= 0) {
                throw new Lpa4jException("Images need a positive size but the preprocessing says " + rows + "x" + cols + ".");
            }
            if (!Double.isFinite(mean) || !(std > 0) || Double.isInfinite(std)) {
                throw new Lpa4jException("Image standardisation needs a finite mean and a positive, finite standard deviation but has mean "
                        + mean + " and std " + std + ".");
            }
        }

        /** The network's value of one pixel {@code pixel} of an image whose values reach {@code maxValue}. */
        public float standardise(double pixel, double maxValue) {
            return (float) ((pixel / maxValue - mean) / std);
        }

        /** The network's input {@code [count, 1, rows, cols]} of {@code dtype} for {@code images}, which must be this size. */
        public HostTensor apply(RawImages images, DType dtype) {
            if (images.rows() != rows || images.cols() != cols) {
                throw new Lpa4jException("The images are " + images.rows() + "x" + images.cols() + " pixels but the model reads " + rows + "x"
                        + cols + " images; resize them to " + rows + "x" + cols + " first.");
            }
            double[] x = new double[images.pixels().length];
            for (int i = 0; i < x.length; i++) {
                float p = images.pixels()[i];
                if (!(p >= 0 && p <= images.maxValue())) {
                    throw new Lpa4jException("Pixel " + (i % images.pixelsPerImage()) + " of image " + (i / images.pixelsPerImage() + 1) + " is "
                            + p + ", outside 0.." + images.maxValue() + ".");
                }
                x[i] = standardise(p, images.maxValue());
            }
            return HostTensor.fromDoubles(dtype, Shape.of(images.count(), 1, rows, cols), x);
        }

        @Override
        public String rawForm() {
            return "grey images of " + rows + "x" + cols + " pixels (IDX or image files)";
        }

        @Override
        public String misfit(TaskShape shape) {
            return shape.tokens() || !Arrays.equals(shape.example(), new int[] {1, rows, cols}) ? rows + "x" + cols + " grey images feed a model"
                    + " that reads [1, " + rows + ", " + cols + "], not " + (shape.tokens() ? "token ids" : Arrays.toString(shape.example())) : null;
        }
    }

    /**
     * Texts as word ids: each text is split by {@link WordTokenizer}, each token becomes its id ({@code words.get(i)} is
     * id {@code i + 2}; id {@value #UNKNOWN} stands for every other token), and the ids are cut or padded with id
     * {@value #PADDING} to {@code length}.
     */
    record WordIds(int length, List<String> words) implements InputPreprocessing {
        /** The id that fills positions past the end of a short text. */
        public static final int PADDING = 0;
        /** The id of a token outside the vocabulary. */
        public static final int UNKNOWN = 1;
        /** The id of {@code words.get(0)}. */
        public static final int FIRST_WORD = 2;

        public WordIds {
            if (length < 1) {
                throw new Lpa4jException("Texts become at least one word id each, but the preprocessing says " + length + ".");
            }
            words = List.copyOf(Objects.requireNonNull(words, "words is null"));
        }

        /** The number of ids: padding, unknown and the words. */
        public int vocabularySize() {
            return words.size() + FIRST_WORD;
        }

        /** The network's input {@code [n, length]} (INT32) for {@code texts}, each read as ISO-8859-1 bytes as in training. */
        public HostTensor apply(List<byte[]> texts) {
            return encode(texts.stream().map(WordTokenizer::tokens).toList());
        }

        /** The network's input {@code [n, length]} (INT32) for texts already split into tokens: the first {@code length} ids of each, padded. */
        public HostTensor encode(List<List<String>> tokenized) {
            if (tokenized.isEmpty()) {
                throw new Lpa4jException("There are no texts to turn into word ids; give at least one.");
            }
            Map<String, Integer> index = new HashMap<>();
            for (int i = 0; i < words.size(); i++) {
                index.putIfAbsent(words.get(i), i + FIRST_WORD);
            }
            int[] x = new int[tokenized.size() * length];
            for (int i = 0; i < tokenized.size(); i++) {
                List<String> tokens = tokenized.get(i);
                for (int j = 0; j < Math.min(length, tokens.size()); j++) {
                    x[i * length + j] = index.getOrDefault(tokens.get(j), UNKNOWN);
                }
            }
            return HostTensor.ofInts(Shape.of(tokenized.size(), length), x);
        }

        @Override
        public String rawForm() {
            return "texts, one per line";
        }

        @Override
        public String misfit(TaskShape shape) {
            if (!shape.tokens() || !Arrays.equals(shape.example(), new int[] {length})) {
                return "texts of " + length + " word ids feed a model that reads " + length + " token ids, not "
                        + (shape.tokens() ? "" : "numbers of shape ") + Arrays.toString(shape.example());
            }
            return vocabularySize() > shape.vocabulary() ? "its " + vocabularySize() + " word ids exceed the model's " + shape.vocabulary()
                    + " token ids" : null;
        }
    }
}
