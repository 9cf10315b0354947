package org.lpa4j.datasets.images;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;
import org.lpa4j.api.Lpa4jException;
import org.lpa4j.datasets.cache.DataCache;

/**
 * The sklearn handwritten digits ({@code digits.csv.gz}): {@value #ROWS} rows of {@value #PIXELS} pixel counts in
 * 0..{@value #MAX_VALUE} (an 8x8 image, row-major) followed by the label 0..9.
 */
public final class SklearnDigits {
    /** The data set's name in the cache. */
    public static final String NAME = "digits";
    /** The cached file. */
    public static final String FILE = "digits.csv.gz";
    /** Images in the data set. */
    public static final int ROWS = 1797;
    /** Side of the square images. */
    public static final int SIDE = 8;
    /** Pixels per image. */
    public static final int PIXELS = SIDE * SIDE;
    /** The largest pixel value. */
    public static final int MAX_VALUE = 16;
    /** Classes. */
    public static final int CLASSES = 10;

    private SklearnDigits() {
    }

    /** Reads the cached file, checking every row. */
    public static LabelledImages read(DataCache cache) {
        Path path = cache.require(NAME, FILE);
        List<String> lines = new ArrayList<>(ROWS);
        try (BufferedReader in = new BufferedReader(new InputStreamReader(new GZIPInputStream(Files.newInputStream(path)), StandardCharsets.US_ASCII))) {
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                if (!line.isBlank()) {
                    lines.add(line);
                }
            }
        } catch (ZipException | java.io.EOFException e) {
            throw cache.corrupt(NAME, path, "it is not a complete gzip file (" + e.getMessage() + ")");
        } catch (IOException e) {
            throw new Lpa4jException("Cannot read " + path + " (" + e.getMessage() + "); check the file's permissions.");
        }
        if (lines.size() != ROWS) {
            throw cache.corrupt(NAME, path, "it has " + lines.size() + " rows, not the " + ROWS + " of the digits data set");
        }
        float[] pixels = new float[ROWS * PIXELS];
        int[] labels = new int[ROWS];
        for (int r = 0; r < ROWS; r++) {
            String[] cells = lines.get(r).split(",", -1);
            if (cells.length != PIXELS + 1) {
                throw cache.corrupt(NAME, path, "row " + (r + 1) + " has " + cells.length + " values, not " + PIXELS + " pixels and a label");
            }
            for (int c = 0; c <= PIXELS; c++) {
                int value = parse(cache, path, cells[c].trim(), r, c);
                int max = c < PIXELS ? MAX_VALUE : CLASSES - 1;
                if (value < 0 || value > max) {
                    throw cache.corrupt(NAME, path, "row " + (r + 1) + " value " + (c + 1) + " is " + value + ", outside 0.." + max);
                }
                if (c < PIXELS) {
                    pixels[r * PIXELS + c] = value;
                } else {
                    labels[r] = value;
                }
            }
        }
        return new LabelledImages(ROWS, SIDE, SIDE, pixels, labels, MAX_VALUE);
    }

    private static int parse(DataCache cache, Path path, String cell, int row, int column) {
        try {
            double v = Double.parseDouble(cell);
            if (v != Math.rint(v)) {
                throw cache.corrupt(NAME, path, "row " + (row + 1) + " value " + (column + 1) + " is " + cell + ", not a whole number");
            }
            return (int) v;
        } catch (NumberFormatException e) {
            throw cache.corrupt(NAME, path, "row " + (row + 1) + " value " + (column + 1) + " is '" + cell + "', not a number");
        }
    }
}
