package org.lpa4j.cli.inference;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.lpa4j.api.Lpa4jException;
import org.lpa4j.api.tensor.HostTensor;
import org.lpa4j.datasets.images.IdxReader;
import org.lpa4j.models.LoadedModel;
import org.lpa4j.models.ModelManifest;

/**
 * The inputs of {@code predict} as one batch of a saved model's input, in whichever form the file has: CSV rows of the
 * network input as they are ({@code .csv}, see {@link InputCsv}); raw texts, one per line ({@code .txt}); raw grey
 * images as an IDX file (raw or gzipped) or an image file, known by their first bytes, or a folder of image files. Raw
 * forms go through the preprocessing the model's bundle records ({@link LoadedModel#inputOf}); a file of no known
 * form, an empty one, or a form the model does not read is a sentence.
 */
public final class InputFiles {
    private static final int GZIP = 0x1f8b;
    /** The first three bytes of an IDX file of unsigned bytes; the fourth is its rank. */
    private static final int IDX_UNSIGNED_BYTES = 0x000008;
    private static final int PNG = 0x89504e47;
    private static final int JPEG = 0xffd8;
    private static final int GIF = 0x47494638;
    private static final int BMP = 0x424d;

    private InputFiles() {
    }

    /** The examples of {@code file} as {@code model}'s input batch. */
    public static HostTensor read(Path file, LoadedModel model) {
        if (Files.isDirectory(file)) {
            return model.inputOf(ImageFiles.read(folder(file)));
        }
        if (!Files.isRegularFile(file)) {
            throw new Lpa4jException("There is no input file " + file + ".");
        }
        int head = firstBytes(file);
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        if (name.endsWith(".csv")) {
            ModelManifest.Input in = model.manifest().input();
            return InputCsv.read(file, in.exampleShape(), in.dtype(), in.vocabularySize());
        }
        if (name.endsWith(".txt")) {
            return model.inputOf(TextLines.read(file));
        }
        if (head >>> 16 == GZIP || head >>> 8 == IDX_UNSIGNED_BYTES) {
            return model.inputOf(IdxReader.forInputs().images(file));
        }
        if (isImage(head)) {
            return model.inputOf(ImageFiles.read(List.of(file)));
        }
        throw new Lpa4jException("The input file " + file + " is of no form predict reads: CSV rows of the network input (.csv), grey"
                + " images (an IDX file, raw or gzipped; a PNG, JPEG, GIF or BMP file; or a folder of them) or texts, one per line (.txt)."
                + " This model reads " + model.preprocessing().map(p -> p.rawForm() + " or ").orElse("") + "CSV rows of "
                + Arrays.toString(model.manifest().input().exampleShape()) + " network inputs.");
    }

    private static boolean isImage(int head) {
        return head == PNG || head >>> 16 == JPEG || head == GIF || head >>> 16 == BMP;
    }

    /** The file's first four bytes, big-endian; a file shorter than that is refused as empty or too short. */
    private static int firstBytes(Path file) {
        byte[] b;
        try (InputStream in = Files.newInputStream(file)) {
            b = in.readNBytes(4);
        } catch (IOException e) {
            throw new Lpa4jException("The input file " + file + " could not be read (" + e.getMessage() + "); check its permissions.");
        }
        if (b.length == 0) {
            throw new Lpa4jException("The input file " + file + " is empty; give at least one example.");
        }
        int head = 0;
        for (int i = 0; i < 4; i++) {
            head = (head << 8) | (i < b.length ? b[i] & 0xff : 0);
        }
        return head;
    }

    /** The regular files of {@code dir} in name order, hidden files aside. */
    private static List<Path> folder(Path dir) {
        List<Path> files = new ArrayList<>();
        try (Stream<Path> entries = Files.list(dir)) {
            entries.filter(Files::isRegularFile).filter(p -> !p.getFileName().toString().startsWith(".")).sorted().forEach(files::add);
        } catch (IOException e) {
            throw new Lpa4jException("The input folder " + dir + " could not be listed (" + e.getMessage() + "); check its permissions.");
        }
        if (files.isEmpty()) {
            throw new Lpa4jException("The input folder " + dir + " holds no files; give a folder of image files.");
        }
        return files;
    }
}
