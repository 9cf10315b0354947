package org.lpa4j.api.input;

import org.lpa4j.api.Lpa4jException;

/**
 * Grey images as read from a file, before any preprocessing: {@code pixels} row-major {@code [count, rows, cols]} with
 * values in {@code [0, maxValue]} (255 for 8-bit images; 0 is the background in MNIST-style files).
 */
public record RawImages(int count, int rows, int cols, float[] pixels, double maxValue) {
    public RawImages {
        if (count <= 0 || rows <= 0 || cols <= 0) {
            throw new Lpa4jException("Images need a positive count and size but got " + count + " images of " + rows + "x" + cols + ".");
        }
        if (pixels.length != (long) count * rows * cols) {
            throw new Lpa4jException("Expected " + count + " images of " + rows + "x" + cols + " but got " + pixels.length + " pixels.");
        }
        if (!(maxValue > 0) || Double.isInfinite(maxValue)) {
            throw new Lpa4jException("The largest pixel value of images must be positive and finite but is " + maxValue + ".");
        }
    }

    /** Pixels per image. */
    public int pixelsPerImage() {
        return rows * cols;
    }
}
