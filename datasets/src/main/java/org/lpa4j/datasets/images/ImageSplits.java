package org.lpa4j.datasets.images;

import org.lpa4j.api.data.TensorDataset;
import org.lpa4j.api.input.InputPreprocessing.GreyImages;
import org.lpa4j.api.tensor.HostTensor;
import org.lpa4j.api.tensor.Shape;

/**
 * Limiting and normalisation of the splits of {@link LabelledImages} (the split itself is {@code StratifiedSplit} or
 * the official files): pixels are scaled to [0, 1] by the data set's maximum
 * and then standardised with the training split's scalar mean and standard deviation (the same two numbers for the
 * validation and test splits), giving FLOAT32 images {@code [N, 1, H, W]} and INT32 labels {@code [N]}.
 */
public final class ImageSplits {
    private ImageSplits() {
    }

    /** The first {@code limit} entries of {@code indices}, or all of them when {@code limit} is 0 or larger. */
    public static int[] limit(int[] indices, int limit) {
        return limit <= 0 || limit >= indices.length ? indices : java.util.Arrays.copyOf(indices, limit);
    }

    /** The standardisation fitted to the images at {@code indices}: the scalar mean and standard deviation of their [0, 1]-scaled pixels. */
    public static GreyImages preprocessing(LabelledImages images, int[] indices) {
        int p = images.pixelsPerImage();
        double sum = 0;
        double sumSquares = 0;
        for (int i : indices) {
            for (int k = 0; k < p; k++) {
                double v = images.pixels()[i * p + k] / images.maxValue();
                sum += v;
                sumSquares += v * v;
            }
        }
        double n = (double) indices.length * p;
        double mean = sum / n;
        double variance = Math.max(sumSquares / n - mean * mean, 0);
        return new GreyImages(images.rows(), images.cols(), mean, Math.max(Math.sqrt(variance), 1e-6));
    }

    /** The images at {@code indices}, standardised by {@code preprocessing}, as {@code x [N, 1, H, W]} and {@code y [N]}. */
    public static TensorDataset dataset(LabelledImages images, int[] indices, GreyImages preprocessing) {
        int p = images.pixelsPerImage();
        float[] x = new float[indices.length * p];
        int[] y = new int[indices.length];
        for (int r = 0; r < indices.length; r++) {
            int i = indices[r];
            for (int k = 0; k < p; k++) {
                x[r * p + k] = preprocessing.standardise(images.pixels()[i * p + k], images.maxValue());
            }
            y[r] = images.labels()[i];
        }
        return new TensorDataset(HostTensor.ofFloats(Shape.of(indices.length, 1, images.rows(), images.cols()), x),
                HostTensor.ofInts(Shape.of(indices.length), y));
    }
}
