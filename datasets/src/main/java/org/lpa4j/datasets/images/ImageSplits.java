package org.lpa4j.datasets.images;

import java.util.ArrayList;
import java.util.List;
import org.lpa4j.api.data.Permutation;
import org.lpa4j.api.data.TensorDataset;
import org.lpa4j.api.tensor.HostTensor;
import org.lpa4j.api.tensor.Shape;

/**
 * Seeded splitting and normalisation of {@link LabelledImages}: pixels are scaled to [0, 1] by the data set's maximum
 * and then standardised with the training split's scalar mean and standard deviation (the same two numbers for the
 * validation and test splits), giving FLOAT32 images {@code [N, 1, H, W]} and INT32 labels {@code [N]}.
 */
public final class ImageSplits {
    private ImageSplits() {
    }

    /**
     * A seeded stratified split: within each class, in a seeded order, the first {@code validationShare} of the images
     * go to validation, the next {@code testShare} to test, the rest to train (each list in a seeded order).
     */
    public static int[][] stratified(int[] labels, int classes, double validationShare, double testShare, long seed) {
        List<Integer> train = new ArrayList<>();
        List<Integer> validation = new ArrayList<>();
        List<Integer> test = new ArrayList<>();
        int[] order = Permutation.of(labels.length, seed);
        for (int c = 0; c < classes; c++) {
            List<Integer> members = new ArrayList<>();
            for (int i : order) {
                if (labels[i] == c) {
                    members.add(i);
                }
            }
            int nValidation = (int) Math.round(members.size() * validationShare);
            int nTest = (int) Math.round(members.size() * testShare);
            validation.addAll(members.subList(0, nValidation));
            test.addAll(members.subList(nValidation, nValidation + nTest));
            train.addAll(members.subList(nValidation + nTest, members.size()));
        }
        return new int[][] {shuffled(train, seed + 1), shuffled(validation, seed + 2), shuffled(test, seed + 3)};
    }

    private static int[] shuffled(List<Integer> indices, long seed) {
        int[] p = Permutation.of(indices.size(), seed);
        int[] out = new int[p.length];
        for (int i = 0; i < p.length; i++) {
            out[i] = indices.get(p[i]);
        }
        return out;
    }

    /** The first {@code limit} entries of {@code indices}, or all of them when {@code limit} is 0 or larger. */
    public static int[] limit(int[] indices, int limit) {
        return limit <= 0 || limit >= indices.length ? indices : java.util.Arrays.copyOf(indices, limit);
    }

    /** The scalar mean and standard deviation of the [0, 1]-scaled pixels of the images at {@code indices}. */
    public static double[] meanAndStd(LabelledImages images, int[] indices) {
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
        return new double[] {mean, Math.max(Math.sqrt(variance), 1e-6)};
    }

    /** The images at {@code indices}, standardised by {@code meanAndStd}, as {@code x [N, 1, H, W]} and {@code y [N]}. */
    public static TensorDataset dataset(LabelledImages images, int[] indices, double[] meanAndStd) {
        int p = images.pixelsPerImage();
        float[] x = new float[indices.length * p];
        int[] y = new int[indices.length];
        for (int r = 0; r < indices.length; r++) {
            int i = indices[r];
            for (int k = 0; k < p; k++) {
                x[r * p + k] = (float) ((images.pixels()[i * p + k] / images.maxValue() - meanAndStd[0]) / meanAndStd[1]);
            }
            y[r] = images.labels()[i];
        }
        return new TensorDataset(HostTensor.ofFloats(Shape.of(indices.length, 1, images.rows(), images.cols()), x),
                HostTensor.ofInts(Shape.of(indices.length), y));
    }
}
