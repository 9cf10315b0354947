package org.lpa4j.datasets.images;

import org.lpa4j.api.Lpa4jException;

/**
 * Grey images as read from a file, before normalisation: {@code pixels} row-major {@code [count, rows, cols]} with
 * values in {@code [0, maxValue]}, and one class label in {@code [0, classes)} per image.
 */
public record LabelledImages(int count, int rows, int cols, float[] pixels, int[] labels, double maxValue) {
    public LabelledImages {
        if (count <= 0 || rows <= 0 || cols <= 0) {
            throw new Lpa4jException("Images need a positive count and size but got " + count + " images of " + rows + "x" + cols + ".");
        }
        if (pixels.length != (long) count * rows * cols || labels.length != count) {
            throw new Lpa4jException("Expected " + count + " images of " + rows + "x" + cols + " and " + count + " labels but got "
                    + pixels.length + " pixels and " + labels.length + " labels.");
        }
    }

    /** Pixels per image. */
    public int pixelsPerImage() {
        return rows * cols;
    }
}
