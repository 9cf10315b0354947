package org.lpa4j.cli.inference;

import java.awt.image.BufferedImage;
import java.awt.image.Raster;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.lpa4j.api.Lpa4jException;
import org.lpa4j.api.input.RawImages;

/**
 * Image files (PNG, JPEG, GIF, BMP: whatever {@code javax.imageio} decodes) as grey {@link RawImages} of one size: a
 * grey image keeps its values (0 to 255 for 8 bits, 65535 for 16), a colour image becomes its luminance
 * (0.299 R + 0.587 G + 0.114 B, 0 to 255). Pixel values are taken as they are: MNIST-style models expect light
 * strokes on a dark background.
 */
public final class ImageFiles {
    private ImageFiles() {
    }

    /** The images of {@code files}, in order; every one must have the first one's size. */
    public static RawImages read(List<Path> files) {
        int rows = 0;
        int cols = 0;
        float[] pixels = null;
        double maxValue = 0;
        for (int n = 0; n < files.size(); n++) {
            Path file = files.get(n);
            BufferedImage image = decode(file);
            if (n == 0) {
                rows = image.getHeight();
                cols = image.getWidth();
                pixels = new float[files.size() * rows * cols];
            } else if (image.getHeight() != rows || image.getWidth() != cols) {
                throw new Lpa4jException("The image " + file + " is " + image.getHeight() + "x" + image.getWidth() + " pixels but " + files.get(0)
                        + " is " + rows + "x" + cols + "; give images of one size.");
            }
            double max = grey(image, pixels, n * rows * cols);
            if (n > 0 && max != maxValue) {
                throw new Lpa4jException("The image " + file + " holds values up to " + (long) max + " but " + files.get(0) + " up to "
                        + (long) maxValue + "; give images of one bit depth.");
            }
            maxValue = max;
        }
        if (pixels == null) {
            throw new Lpa4jException("There are no images to read; give at least one image file.");
        }
        return new RawImages(files.size(), rows, cols, pixels, maxValue);
    }

    private static BufferedImage decode(Path file) {
        BufferedImage image;
        try {
            image = ImageIO.read(file.toFile());
        } catch (IOException e) {
            throw new Lpa4jException("The image file " + file + " could not be decoded (" + e.getMessage() + "); it is damaged or not an image.");
        }
        if (image == null) {
            throw new Lpa4jException("The file " + file + " is not an image this JVM decodes (PNG, JPEG, GIF or BMP).");
        }
        return image;
    }

    /** Writes the grey values of {@code image} into {@code out} from {@code offset}; returns the largest value its format can hold. */
    private static double grey(BufferedImage image, float[] out, int offset) {
        Raster raster = image.getRaster();
        int w = image.getWidth();
        if (raster.getNumBands() == 1 && image.getColorModel().getColorSpace().getType() == java.awt.color.ColorSpace.TYPE_GRAY) {
            for (int r = 0; r < image.getHeight(); r++) {
                for (int c = 0; c < w; c++) {
                    out[offset + r * w + c] = raster.getSample(c, r, 0);
                }
            }
            return (1 << raster.getSampleModel().getSampleSize(0)) - 1;
        }
        for (int r = 0; r < image.getHeight(); r++) {
            for (int c = 0; c < w; c++) {
                int rgb = image.getRGB(c, r);
                out[offset + r * w + c] = (float) (0.299 * ((rgb >> 16) & 0xff) + 0.587 * ((rgb >> 8) & 0xff) + 0.114 * (rgb & 0xff));
            }
        }
        return 255;
    }
}
