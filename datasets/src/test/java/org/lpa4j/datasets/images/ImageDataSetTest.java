package org.lpa4j.datasets.images;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lpa4j.api.Lpa4jException;
import org.lpa4j.api.data.DataSplits;
import org.lpa4j.api.data.TensorDataset;
import org.lpa4j.api.tensor.DType;
import org.lpa4j.datasets.cache.DataCache;
import org.lpa4j.datasets.cache.Manifests;

class ImageDataSetTest {

    private static int[] classCounts(TensorDataset d) {
        int[] counts = new int[ImageDataSet.CLASSES];
        for (int label : d.y().toIntArray()) {
            counts[label]++;
        }
        return counts;
    }

    private static double[] meanAndStd(TensorDataset d) {
        double sum = 0;
        double squares = 0;
        float[] x = d.x().toFloatArray();
        for (float v : x) {
            sum += v;
            squares += v * v;
        }
        double mean = sum / x.length;
        return new double[] {mean, Math.sqrt(squares / x.length - mean * mean)};
    }

    @Test
    void digitsSplitIsStratifiedStandardisedAndSeeded() {
        DataSplits a = ImageDataSet.DIGITS.load(DataCache.locate(), 0, 3);
        assertEquals(SklearnDigits.ROWS, a.train().size() + a.validation().size() + a.test().size());
        assertArrayEquals(new int[] {a.train().size(), 1, 8, 8}, a.train().x().shape().dims());
        assertEquals(DType.FLOAT32, a.train().x().dtype());
        assertEquals(DType.INT32, a.train().y().dtype());
        int[] all = new int[ImageDataSet.CLASSES];
        for (TensorDataset d : new TensorDataset[] {a.train(), a.validation(), a.test()}) {
            int[] c = classCounts(d);
            for (int k = 0; k < c.length; k++) {
                all[k] += c[k];
            }
        }
        int[] test = classCounts(a.test());
        for (int k = 0; k < all.length; k++) {
            assertEquals(Math.round(all[k] * ImageDataSet.DIGITS_HELD_OUT_SHARE), test[k], "class " + k + " keeps its share in the test split");
        }
        double[] stats = meanAndStd(a.train());
        assertEquals(0, stats[0], 1e-4, "training inputs have mean 0");
        assertEquals(1, stats[1], 1e-4, "training inputs have standard deviation 1");
        DataSplits same = ImageDataSet.DIGITS.load(DataCache.locate(), 0, 3);
        assertArrayEquals(a.test().y().toIntArray(), same.test().y().toIntArray());
        assertArrayEquals(a.test().x().toFloatArray(), same.test().x().toFloatArray());
        DataSplits other = ImageDataSet.DIGITS.load(DataCache.locate(), 0, 4);
        assertFalse(java.util.Arrays.equals(a.test().x().toFloatArray(), other.test().x().toFloatArray()), "another seed, another split");
        assertEquals(200, ImageDataSet.DIGITS.load(DataCache.locate(), 200, 3).train().size());
    }

    @Test
    void digitsRowsAreTheCsvRowsStandardised() throws IOException {
        Path file = DataCache.locate().require(SklearnDigits.NAME, SklearnDigits.FILE);
        java.util.Set<String> rows = new java.util.HashSet<>();
        try (InputStream in = new GZIPInputStream(Files.newInputStream(file))) {
            for (String line : new String(in.readAllBytes(), java.nio.charset.StandardCharsets.US_ASCII).split("\n")) {
                if (!line.isBlank()) {
                    rows.add(line.trim());
                }
            }
        }
        DataSplits s = ImageDataSet.DIGITS.load(DataCache.locate(), 0, 0);
        // Undo the standardisation and find each test image, with its label, among the CSV rows.
        float[] x = s.test().x().toFloatArray();
        int[] y = s.test().y().toIntArray();
        double[] scale = scaleOf(s.train());
        for (int i = 0; i < s.test().size(); i++) {
            StringBuilder row = new StringBuilder();
            for (int k = 0; k < SklearnDigits.PIXELS; k++) {
                double pixel = (x[i * SklearnDigits.PIXELS + k] * scale[1] + scale[0]) * SklearnDigits.MAX_VALUE;
                row.append(Math.round(pixel)).append(',');
            }
            row.append(y[i]);
            assertTrue(rows.contains(row.toString()), "test image " + i + " is a row of the CSV: " + row);
        }
    }

    /** The training split's mean and std of pixel / 16, recovered from the standardised values alone. */
    private static double[] scaleOf(TensorDataset train) {
        // The standardised minimum pixel of the training split is (0 - mean) / std and the maximum is (1 - mean) / std
        // (both 0 and 16 occur in the training images), which gives mean and std without the loader's code.
        float min = Float.MAX_VALUE;
        float max = -Float.MAX_VALUE;
        for (float v : train.x().toFloatArray()) {
            min = Math.min(min, v);
            max = Math.max(max, v);
        }
        double std = 1.0 / (max - min);
        return new double[] {-min * std, std};
    }

    @Test
    void mnistSplitsFollowTheOfficialFiles() throws IOException {
        DataCache cache = DataCache.locate();
        Assumptions.assumeTrue(cache.has("mnist", "train-images-idx3-ubyte", "t10k-labels-idx1-ubyte"),
                "MNIST is not in the data cache (scripts/fetch-data.sh mnist)");
        DataSplits s = ImageDataSet.MNIST.load(cache, 0, 0);
        assertEquals(60000 - ImageDataSet.VALIDATION_EXAMPLES, s.train().size());
        assertEquals(ImageDataSet.VALIDATION_EXAMPLES, s.validation().size());
        assertEquals(10000, s.test().size());
        assertArrayEquals(new int[] {10000, 1, 28, 28}, s.test().x().shape().dims());
        byte[] labels = Files.readAllBytes(cache.require("mnist", "t10k-labels-idx1-ubyte"));
        int[] y = s.test().y().toIntArray();
        for (int i = 0; i < y.length; i++) {
            assertEquals(labels[8 + i] & 0xff, y[i], "test label " + i + " in file order");
        }
        DataSplits limited = ImageDataSet.MNIST.load(cache, 3000, 0);
        assertEquals(3000, limited.train().size());
        assertEquals(ImageDataSet.MIN_VALIDATION_EXAMPLES, limited.validation().size());
    }

    @Test
    void aCorruptDigitsFileIsReported(@TempDir Path root) throws IOException {
        Path dir = Files.createDirectories(root.resolve(SklearnDigits.NAME));
        try (var out = new GZIPOutputStream(Files.newOutputStream(dir.resolve(SklearnDigits.FILE)))) {
            out.write("0,1,2\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        }
        Manifests.seal(dir);
        Lpa4jException e = assertThrows(Lpa4jException.class, () -> ImageDataSet.DIGITS.load(new DataCache(root), 0, 0));
        assertTrue(e.getMessage().contains("is corrupt") && e.getMessage().contains("1 rows"), e.getMessage());
        Files.write(dir.resolve(SklearnDigits.FILE), new byte[] {1, 2, 3});
        Manifests.seal(dir);
        e = assertThrows(Lpa4jException.class, () -> ImageDataSet.DIGITS.load(new DataCache(root), 0, 0));
        assertTrue(e.getMessage().contains("is corrupt") && e.getMessage().contains("gzip"), e.getMessage());
        Lpa4jException negative = assertThrows(Lpa4jException.class, () -> ImageDataSet.DIGITS.load(DataCache.locate(), -1, 0));
        assertTrue(negative.getMessage().contains("limit"), negative.getMessage());
    }
}
