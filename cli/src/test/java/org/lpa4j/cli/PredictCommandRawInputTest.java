package org.lpa4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.lpa4j.api.backend.Backend;
import org.lpa4j.api.backend.Backends;
import org.lpa4j.api.input.InputPreprocessing;
import org.lpa4j.api.input.RawImages;
import org.lpa4j.api.input.WordTokenizer;
import org.lpa4j.api.task.Tasks;
import org.lpa4j.api.tensor.HostTensor;
import org.lpa4j.api.tensor.Shape;
import org.lpa4j.datasets.cache.DataCache;
import org.lpa4j.datasets.images.IdxReader;
import org.lpa4j.datasets.text.MailText;
import org.lpa4j.models.LoadedModel;
import org.lpa4j.models.ModelManifest;
import org.lpa4j.models.Models;

/**
 * {@code lpa4j predict} on the raw form of real tasks, through the preprocessing saved in the model: MNIST test images
 * as an IDX file (raw and gzipped), as PNG files and as a folder of them give the predictions of the training
 * pipeline's own test tensors; SpamAssassin mails, one per line, give the predictions of their word ids; every wrong
 * input is a sentence.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PredictCommandRawInputTest {
    private static final int IMAGES = 6;

    @TempDir
    static Path dir;
    private Path mnist;
    private Path spam;
    private RawImages testImages;

    @BeforeAll
    void fit() {
        CliRun images = CliRun.of("fit", "--task", "mnist", "--arch", "resnet", "--depth", "2", "--width", "8", "--epochs", "1", "--limit", "1000",
                "--trainer", "lpa", "--backend", "tensorflow", "--out", dir.resolve("mnist").toString());
        assertEquals(0, images.code(), images.err());
        mnist = dir.resolve("mnist").resolve("lpa");
        CliRun texts = CliRun.of("fit", "--task", "spam", "--arch", "transformer", "--depth", "2", "--width", "16", "--heads", "2", "--context",
                "32", "--limit", "200", "--epochs", "1", "--batch-size", "32", "--trainer", "lpa", "--backend", "tensorflow", "--out",
                dir.resolve("spam").toString());
        assertEquals(0, texts.code(), texts.err());
        spam = dir.resolve("spam").resolve("lpa");
        Path t10k = DataCache.locate().dataset("mnist").resolve("t10k-images-idx3-ubyte");
        RawImages all = IdxReader.forInputs().images(Files.isRegularFile(t10k) ? t10k : t10k.resolveSibling(t10k.getFileName() + ".gz"));
        float[] first = java.util.Arrays.copyOf(all.pixels(), IMAGES * all.pixelsPerImage());
        testImages = new RawImages(IMAGES, all.rows(), all.cols(), first, all.maxValue());
    }

    @Test
    void idxAndImageFiles_giveThePredictionsOfTheTrainingPipelinesTestTensors() throws Exception {
        ModelManifest manifest = Models.inspect(mnist);
        assertTrue(manifest.input().preprocessing() instanceof InputPreprocessing.GreyImages, String.valueOf(manifest.input().preprocessing()));
        HostTensor testX = Tasks.discover().load("mnist", manifest.provenance().taskOptions()).data().test().x();
        int pixels = testImages.pixelsPerImage();
        HostTensor firstRows = HostTensor.ofFloats(Shape.of(IMAGES, 1, testImages.rows(), testImages.cols()),
                java.util.Arrays.copyOf(testX.toFloatArray(), IMAGES * pixels));
        List<String> expected;
        try (Backend tensorflow = Backends.open("tensorflow"); LoadedModel loaded = Models.load(mnist, tensorflow)) {
            expected = classLines(loaded.model().predict(firstRows, 1), manifest.output().labels());
        }
        Path idx = write("first.idx", idx(testImages));
        Path gz = write("first-idx3-ubyte.gz", gzip(idx(testImages)));
        List<String> fromIdx = predict(mnist, idx);
        assertEquals(IMAGES, fromIdx.size());
        for (int i = 0; i < IMAGES; i++) {
            String[] want = expected.get(i).split(",");
            String[] got = fromIdx.get(i).split(",");
            assertEquals(want[0] + "," + want[1] + "," + want[2], got[0] + "," + got[1] + "," + got[2], "image " + i);
            assertEquals(Double.parseDouble(want[3]), Double.parseDouble(got[3]), 1e-5, "image " + i);
        }
        expected = fromIdx;
        assertEquals(expected, predict(mnist, gz), "gzipped IDX");
        Path folder = Files.createDirectories(dir.resolve("pngs"));
        for (int i = 0; i < 2; i++) {
            png(testImages, i, folder.resolve("digit-" + i + ".png"));
        }
        assertEquals(expected.subList(0, 2), predict(mnist, folder), "a folder of PNG files, in name order");
        assertEquals(List.of(expected.get(1).replaceFirst("^1,", "0,")), predict(mnist, folder.resolve("digit-1.png")), "one PNG file");
    }

    @Test
    void mailLines_giveThePredictionsOfTheirWordIds() throws Exception {
        ModelManifest manifest = Models.inspect(spam);
        InputPreprocessing.WordIds ids = (InputPreprocessing.WordIds) manifest.input().preprocessing();
        assertEquals(manifest.input().exampleShape()[0], ids.length());
        ByteArrayOutputStream lines = new ByteArrayOutputStream();
        StringBuilder csv = new StringBuilder();
        for (String folder : List.of("spam-1", "easy-ham-1")) {
            try (Stream<Path> mails = Files.list(DataCache.locate().dataset("spam").resolve(folder))) {
                for (Path mail : mails.filter(m -> m.toString().endsWith(".txt")).sorted().limit(3).toList()) {
                    byte[] text = MailText.subjectAndBody(Files.readAllBytes(mail));
                    for (int i = 0; i < text.length; i++) {
                        text[i] = text[i] == '\n' ? (byte) ' ' : text[i];
                    }
                    lines.write(text);
                    lines.write("\r\n\n".getBytes(StandardCharsets.US_ASCII));
                    csv.append(idsOf(WordTokenizer.tokens(text), ids)).append('\n');
                }
            }
        }
        Path txt = write("mails.txt", lines.toByteArray());
        Path idsCsv = write("mail-ids.csv", csv.toString().getBytes(StandardCharsets.US_ASCII));
        List<String> fromIds = predict(spam, idsCsv);
        assertEquals(6, fromIds.size());
        assertEquals(fromIds, predict(spam, txt));
    }

    @Test
    void wrongInputs_areSentences() throws Exception {
        assertEquals("error: The images are 20x20 pixels but the model reads 28x28 images; resize them to 28x28 first.\n",
                predictError(mnist, png(new RawImages(1, 20, 20, new float[400], 255), 0, dir.resolve("small.png"))));
        Path empty = write("empty.png", new byte[0]);
        assertEquals("error: The input file " + empty + " is empty; give at least one example.\n", predictError(mnist, empty));
        Path unknown = write("inputs.bin", "hello, world".getBytes(StandardCharsets.US_ASCII));
        assertTrue(predictError(mnist, unknown).startsWith("error: The input file " + unknown + " is of no form predict reads: CSV rows of the"
                + " network input (.csv), grey images"), predictError(mnist, unknown));
        assertTrue(predictError(mnist, unknown).endsWith("This model reads grey images of 28x28 pixels (IDX or image files) or CSV rows of"
                + " [1, 28, 28] network inputs.\n"), predictError(mnist, unknown));
        Path text = write("text.txt", "cheap pills\n".getBytes(StandardCharsets.US_ASCII));
        assertEquals("error: This model reads grey images of 28x28 pixels (IDX or image files), not texts (its task: mnist).\n",
                predictError(mnist, text));
        assertEquals("error: This model reads texts, one per line, not grey images (its task: spam).\n",
                predictError(spam, write("spam.idx", idx(testImages))));
        Path blank = write("blank.txt", "\n  \r\n".getBytes(StandardCharsets.US_ASCII));
        assertEquals("error: The input file " + blank + " holds no text; give one text per line.\n", predictError(spam, blank));
        byte[] truncated = java.util.Arrays.copyOf(idx(testImages), 100);
        assertTrue(predictError(mnist, write("cut.idx", truncated)).contains("is not an IDX image file: its header promises 6x28x28"),
                predictError(mnist, write("cut.idx", truncated)));
    }

    @Test
    void aModelSavedBeforeFormatTwo_saysItCannotReadRawImages() throws Exception {
        Path old = FormatOneBundle.copy(mnist, dir.resolve("old"));
        assertEquals("error: This model cannot read raw grey images: it was saved in bundle format 1, before models recorded how their task"
                + " prepares raw inputs. It reads its network input as numbers (shape [1, 28, 28] per example); train and save it again with"
                + " this lpa4j to read raw grey images.\n", predictError(old, write("old.idx", idx(testImages))));
    }

    private List<String> predict(Path model, Path input) throws IOException {
        Path out = Files.createTempFile(dir, "predictions", ".csv");
        CliRun r = CliRun.of("predict", "--model", model.toString(), "--input", input.toString(), "--depth", "1", "--out", out.toString(),
                "--overwrite", "--backend", "tensorflow");
        assertEquals(0, r.code(), r.err());
        List<String> lines = Files.readAllLines(out);
        assertEquals("row,depth,class,probability", lines.get(0));
        return lines.subList(1, lines.size());
    }

    private String predictError(Path model, Path input) {
        CliRun r = CliRun.of("predict", "--model", model.toString(), "--input", input.toString(), "--depth", "1", "--out",
                dir.resolve("never.csv").toString(), "--backend", "tensorflow");
        assertEquals(2, r.code(), r.err());
        return r.err();
    }

    /** The lines predict writes for {@code logits}, computed here: index, depth 1, top label, its softmax probability. */
    private static List<String> classLines(HostTensor logits, List<String> labels) {
        int n = logits.shape().dim(0);
        int c = logits.shape().dim(1);
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            int top = 0;
            for (int j = 1; j < c; j++) {
                top = logits.get(i, j) > logits.get(i, top) ? j : top;
            }
            double z = 0;
            for (int j = 0; j < c; j++) {
                z += Math.exp(logits.get(i, j) - logits.get(i, top));
            }
            lines.add(String.format(Locale.ROOT, "%d,1,%s,%.6f", i, labels.get(top), 1 / z));
        }
        return lines;
    }

    /** The ids of {@code tokens} as the manifest's vocabulary numbers them, computed here: CSV of one example. */
    private static String idsOf(List<String> tokens, InputPreprocessing.WordIds ids) {
        StringBuilder row = new StringBuilder();
        for (int i = 0; i < ids.length(); i++) {
            int id = i >= tokens.size() ? 0 : ids.words().contains(tokens.get(i)) ? ids.words().indexOf(tokens.get(i)) + 2 : 1;
            row.append(i == 0 ? "" : ",").append(id);
        }
        return row.toString();
    }

    private static byte[] idx(RawImages images) {
        ByteBuffer b = ByteBuffer.allocate(16 + images.pixels().length);
        b.putInt(0x00000803).putInt(images.count()).putInt(images.rows()).putInt(images.cols());
        for (float p : images.pixels()) {
            b.put((byte) p);
        }
        return b.array();
    }

    private static byte[] gzip(byte[] bytes) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (OutputStream z = new GZIPOutputStream(out)) {
            z.write(bytes);
        }
        return out.toByteArray();
    }

    private static Path png(RawImages images, int index, Path file) throws IOException {
        BufferedImage image = new BufferedImage(images.cols(), images.rows(), BufferedImage.TYPE_BYTE_GRAY);
        for (int r = 0; r < images.rows(); r++) {
            for (int c = 0; c < images.cols(); c++) {
                image.getRaster().setSample(c, r, 0, (int) images.pixels()[index * images.pixelsPerImage() + r * images.cols() + c]);
            }
        }
        ImageIO.write(image, "png", file.toFile());
        return file;
    }

    private static Path write(String name, byte[] bytes) throws IOException {
        return Files.write(dir.resolve(name), bytes);
    }
}
