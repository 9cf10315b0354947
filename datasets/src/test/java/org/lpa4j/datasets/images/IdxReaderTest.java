package org.lpa4j.datasets.images;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lpa4j.api.Lpa4jException;
import org.lpa4j.datasets.cache.DataCache;

class IdxReaderTest {
    private static final String NAME = "mnist";

    @TempDir
    Path root;

    private static byte[] idx(int magic, int[] dims, byte[] data) {
        ByteBuffer b = ByteBuffer.allocate(4 + 4 * dims.length + data.length);
        b.putInt(magic);
        for (int d : dims) {
            b.putInt(d);
        }
        b.put(data);
        return b.array();
    }

    private static byte[] gzip(byte[] raw) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (OutputStream gz = new GZIPOutputStream(out)) {
            gz.write(raw);
        }
        return out.toByteArray();
    }

    private Path write(String file, byte[] bytes) throws IOException {
        Path dir = Files.createDirectories(root.resolve(NAME));
        return Files.write(dir.resolve(file), bytes);
    }

    private static byte[] pixels(int n) {
        byte[] p = new byte[n];
        for (int i = 0; i < n; i++) {
            p[i] = (byte) (i * 37 + 11);
        }
        return p;
    }

    private LabelledImages read(Path images, Path labels) {
        return new IdxReader(new DataCache(root), NAME).read(images, labels, 10);
    }

    @Test
    void readsRawAndGzippedFilesToTheSameImages() throws IOException {
        byte[] pixels = pixels(3 * 2 * 4);
        byte[] images = idx(0x803, new int[] {3, 2, 4}, pixels);
        byte[] labels = idx(0x801, new int[] {3}, new byte[] {7, 0, 9});
        LabelledImages raw = read(write("i", images), write("l", labels));
        LabelledImages gz = read(write("i.gz", gzip(images)), write("l.gz", gzip(labels)));
        assertEquals(3, raw.count());
        assertEquals(2, raw.rows());
        assertEquals(4, raw.cols());
        assertArrayEquals(new int[] {7, 0, 9}, raw.labels());
        for (int i = 0; i < pixels.length; i++) {
            assertEquals(pixels[i] & 0xff, raw.pixels()[i], "pixel " + i + " is the unsigned byte");
        }
        assertArrayEquals(raw.pixels(), gz.pixels());
        assertArrayEquals(raw.labels(), gz.labels());
    }

    private void assertCorrupt(Path images, Path labels, String... phrases) {
        Lpa4jException e = assertThrows(Lpa4jException.class, () -> read(images, labels));
        assertTrue(e.getMessage().contains("is corrupt") && e.getMessage().contains("scripts/fetch-data.sh " + NAME), e.getMessage());
        for (String phrase : phrases) {
            assertTrue(e.getMessage().contains(phrase), "'" + phrase + "' in: " + e.getMessage());
        }
    }

    @Test
    void damagedFilesAreReportedAsCorruptWithTheFix() throws IOException {
        byte[] images = idx(0x803, new int[] {2, 2, 2}, pixels(8));
        Path labels = write("l", idx(0x801, new int[] {2}, new byte[] {1, 2}));
        assertCorrupt(write("magic", idx(0x801, new int[] {2, 2, 2}, pixels(8))), labels, "magic number");
        assertCorrupt(write("short", Arrays.copyOf(images, images.length - 1)), labels, "the file has 23 bytes");
        assertCorrupt(write("header", new byte[] {0, 0, 8}), labels, "too few for an IDX header");
        assertCorrupt(write("zero", idx(0x803, new int[] {0, 2, 2}, new byte[0])), labels, "not positive");
        byte[] gz = gzip(images);
        assertCorrupt(write("cut.gz", Arrays.copyOf(gz, gz.length / 2)), labels, "gzip");
        Path good = write("good", images);
        assertCorrupt(good, write("three", idx(0x801, new int[] {3}, new byte[] {1, 2, 3})), "3 labels but good has 2 images");
        assertCorrupt(good, write("range", idx(0x801, new int[] {2}, new byte[] {1, 10})), "label 1 is 10");
    }

    @Test
    void aMissingDataSetSaysHowToFetchIt() {
        Lpa4jException e = assertThrows(Lpa4jException.class, () -> ImageDataSet.FASHION_MNIST.load(new DataCache(root), 0, 0));
        assertTrue(e.getMessage().contains("not in the data cache") && e.getMessage().contains("scripts/fetch-data.sh fashion-mnist"),
                e.getMessage());
    }
}
