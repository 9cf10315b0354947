package org.lpa4j.datasets.images;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.function.BiFunction;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;
import org.lpa4j.api.Lpa4jException;
import org.lpa4j.api.input.RawImages;
import org.lpa4j.datasets.cache.DataCache;

/**
 * Reads unsigned-byte IDX files (the MNIST format), raw or gzipped: a big-endian header {@code 0, 0, 0x08, rank}, then
 * {@code rank} dimension sizes, then the bytes. Checks the magic number, the rank, the sizes and the length, and
 * reports a damaged file through {@link DataCache#corrupt} (cached data) or as a file that is no IDX image file
 * ({@link #forInputs}: a user's new inputs).
 */
public final class IdxReader {
    /** The IDX type code of unsigned bytes. */
    private static final int UNSIGNED_BYTE = 0x08;
    /** The first two bytes of a gzip stream. */
    private static final int GZIP_MAGIC_0 = 0x1f;
    private static final int GZIP_MAGIC_1 = 0x8b;
    /** The largest value of an unsigned byte. */
    private static final double MAX_VALUE = 255.0;

    private final BiFunction<Path, String, Lpa4jException> damaged;

    /** A reader whose error messages name data set {@code dataset} of {@code cache}. */
    public IdxReader(DataCache cache, String dataset) {
        this.damaged = (path, what) -> cache.corrupt(dataset, path, what);
    }

    private IdxReader(BiFunction<Path, String, Lpa4jException> damaged) {
        this.damaged = damaged;
    }

    /** A reader of a user's files of new images, whose error messages say what is wrong with the file. */
    public static IdxReader forInputs() {
        return new IdxReader((path, what) -> new Lpa4jException("The file " + path + " is not an IDX image file: " + what + ". Give an IDX"
                + " file of unsigned-byte images [count, rows, cols] (as MNIST's t10k-images-idx3-ubyte), raw or gzipped."));
    }

    /** The images of an IDX3 file: pixels as floats in [0, 255]. */
    public RawImages images(Path imagesFile) {
        ByteBuffer imageData = read(imagesFile, 3);
        int[] shape = dims(imageData, 3);
        float[] pixels = new float[shape[0] * shape[1] * shape[2]];
        for (int i = 0; i < pixels.length; i++) {
            pixels[i] = imageData.get() & 0xff;
        }
        return new RawImages(shape[0], shape[1], shape[2], pixels, MAX_VALUE);
    }

    /**
     * The images of an IDX3 file with their labels from an IDX1 file: pixels as floats in [0, 255], labels checked to
     * lie in {@code [0, classes)}, and as many labels as images.
     */
    public LabelledImages read(Path imagesFile, Path labelsFile, int classes) {
        RawImages images = images(imagesFile);
        ByteBuffer labelData = read(labelsFile, 1);
        int count = dims(labelData, 1)[0];
        if (count != images.count()) {
            throw damaged.apply(labelsFile, "it has " + count + " labels but " + imagesFile.getFileName() + " has " + images.count() + " images");
        }
        int[] labels = new int[count];
        for (int i = 0; i < count; i++) {
            labels[i] = labelData.get() & 0xff;
            if (labels[i] >= classes) {
                throw damaged.apply(labelsFile, "label " + i + " is " + labels[i] + ", outside the " + classes + " classes 0.."
                        + (classes - 1));
            }
        }
        return new LabelledImages(images.count(), images.rows(), images.cols(), images.pixels(), labels, MAX_VALUE);
    }

    private int[] dims(ByteBuffer data, int rank) {
        int[] shape = new int[rank];
        for (int d = 0; d < rank; d++) {
            shape[d] = data.getInt(4 + 4 * d);
        }
        data.position(4 + 4 * rank);
        return shape;
    }

    private ByteBuffer read(Path path, int rank) {
        byte[] bytes = bytes(path);
        if (bytes.length < 4 + 4 * rank) {
            throw damaged.apply(path, "it has " + bytes.length + " bytes, too few for an IDX header of rank " + rank);
        }
        ByteBuffer buffer = ByteBuffer.wrap(bytes);
        int magic = buffer.getInt(0);
        int expected = (UNSIGNED_BYTE << 8) | rank;
        if (magic != expected) {
            throw damaged.apply(path, String.format("its magic number is 0x%08x, not 0x%08x (unsigned bytes of rank %d)", magic, expected, rank));
        }
        long count = 1;
        StringBuilder sizes = new StringBuilder();
        for (int d = 0; d < rank; d++) {
            int size = buffer.getInt(4 + 4 * d);
            if (size <= 0) {
                throw damaged.apply(path, "dimension " + d + " of its header is " + size + ", not positive");
            }
            count *= size;
            sizes.append(d == 0 ? "" : "x").append(size);
        }
        long expectedLength = 4L + 4L * rank + count;
        if (bytes.length != expectedLength) {
            throw damaged.apply(path, "its header promises " + sizes + " = " + count + " values (" + expectedLength
                    + " bytes) but the file has " + bytes.length + " bytes");
        }
        return buffer;
    }

    private byte[] bytes(Path path) {
        try (InputStream raw = new BufferedInputStream(Files.newInputStream(path))) {
            raw.mark(2);
            int b0 = raw.read();
            int b1 = raw.read();
            raw.reset();
            if (b0 == GZIP_MAGIC_0 && b1 == GZIP_MAGIC_1) {
                try (InputStream in = new GZIPInputStream(raw)) {
                    ByteArrayOutputStream out = new ByteArrayOutputStream(1 << 20);
                    in.transferTo(out);
                    return out.toByteArray();
                }
            }
            return raw.readAllBytes();
        } catch (ZipException | EOFException e) {
            throw damaged.apply(path, "its gzip stream is damaged (" + e.getMessage() + ")");
        } catch (NoSuchFileException e) {
            throw new Lpa4jException("There is no file " + path + ".");
        } catch (IOException e) {
            throw new Lpa4jException("Cannot read " + path + " (" + e.getMessage() + "); check the file's permissions.");
        }
    }
}
