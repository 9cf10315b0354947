package org.lpa4j.cli.inference;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lpa4j.api.input.RawImages;

/** Colour image files become grey by luminance, each channel with its own weight; grey files keep their values. */
class ImageFilesTest {
    @TempDir
    Path dir;

    private Path png(String name, int type, int rgb) throws IOException {
        BufferedImage image = new BufferedImage(2, 1, type);
        for (int x = 0; x < 2; x++) {
            if (type == BufferedImage.TYPE_BYTE_GRAY) {
                image.getRaster().setSample(x, 0, 0, rgb & 0xff);
            } else {
                image.setRGB(x, 0, rgb);
            }
        }
        Path file = dir.resolve(name);
        ImageIO.write(image, "png", file.toFile());
        return file;
    }

    @Test
    void pureRedGreenAndBlue_becomeTheirOwnLuminance() throws IOException {
        RawImages images = ImageFiles.read(List.of(png("red.png", BufferedImage.TYPE_INT_RGB, 0xff0000),
                png("green.png", BufferedImage.TYPE_INT_RGB, 0x00ff00), png("blue.png", BufferedImage.TYPE_INT_RGB, 0x0000ff)));
        assertEquals(0.299 * 255, images.pixels()[0], 1e-3, "red");
        assertEquals(0.587 * 255, images.pixels()[2], 1e-3, "green");
        assertEquals(0.114 * 255, images.pixels()[4], 1e-3, "blue");
        assertEquals(255, images.maxValue());
    }

    @Test
    void aGreyImage_keepsItsValues() throws IOException {
        RawImages grey = ImageFiles.read(List.of(png("grey.png", BufferedImage.TYPE_BYTE_GRAY, 0x404040)));
        assertEquals(0x40, grey.pixels()[0], 1e-6);
    }
}
