package org.lpa4j.cli.command;

import org.lpa4j.cli.CliRun;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.lpa4j.api.io.AtomicDirectories;
import org.junit.jupiter.api.io.TempDir;
import org.lpa4j.cli.output.ReportWriter;
import org.lpa4j.experiments.DepthReport;
import org.lpa4j.models.ModelManifest;
import org.lpa4j.models.Models;

/** {@code lpa4j fit} end to end on a real engine, and its answers to bad input. */
class FitCommandTest {


    @Test
    void fitWritesReportPlotAndWeights(@TempDir Path dir) throws IOException {
        CliRun r = CliRun.of("fit", "--task", "surface:peaks2d", "--depth", "3", "--width", "16", "--epochs", "3", "--examples", "300",
                "--trainer", "both", "--backend", "djl", "--out", dir.toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("Test relative L2 error by depth (lower is better)"), r.out());
        DepthReport report = new ReportWriter().read(dir.resolve("report.json"));
        assertEquals("surface:peaks2d", report.task());
        assertEquals("djl", report.backend());
        assertTrue(report.lowerIsBetter());
        assertEquals(2, report.trainers().size());
        assertEquals(3, report.trainers().get(0).values().length);
        assertEquals("max error", report.secondaryMetric());
        assertEquals(2, report.secondary().size());
        assertTrue(r.out().contains("Test max error by depth (lower is better)"), r.out());
        assertTrue(Files.size(dir.resolve("depth.png")) > 1000);
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(List.of(AtomicDirectories.MARKER, "depth.png", "e2e", "lpa", "report.json"), files.map(p -> p.getFileName().toString()).sorted().toList(),
                    "report, plot and one saved model per trainer; nothing else (no options file, temporary or lock file)");
        }
        for (int t = 0; t < 2; t++) {
            ModelManifest model = Models.inspect(dir.resolve(report.trainers().get(t).trainer()));
            assertEquals("fnn", model.architecture().name());
            assertEquals(3, model.depth());
            assertEquals(16L, model.architecture().hyperparameters().get("width") instanceof Number n ? n.longValue() : -1);
            assertEquals("surface:peaks2d", model.provenance().dataset());
            assertEquals("djl", model.provenance().backend());
            assertEquals(report.trainers().get(t).trainer(), model.training().trainer());
            assertEquals(t == 0 ? "ADAPTIVE" : null, model.training().option(ModelManifest.WEIGHTING), "the default weighting by loss, as it resolved for squared error");
            assertTrue(Arrays.equals(report.trainers().get(t).values(), model.metrics().get(0).test()), "test metric by depth");
            assertTrue(Arrays.equals(report.secondary().get(t).values(), model.metrics().get(1).test()), "second metric by depth");
            assertEquals(3, model.metrics().get(0).validation().length);
        }
    }

    @Test
    void badInputGetsASentenceAndExitCode2(@TempDir Path dir) throws IOException {
        CliRun unknownTask = CliRun.of("fit", "--task", "surface:nope", "--out", dir.toString());
        assertEquals(2, unknownTask.code());
        assertTrue(unknownTask.err().startsWith("error: Unknown task 'surface:nope'. Known tasks: "), unknownTask.err());
        assertTrue(unknownTask.err().contains("surface:oscillation1d, surface:peaks2d, surface:discontinuous2d, surface:smooth3d, moby, spam, "
                + "digits, mnist, fashion-mnist"), unknownTask.err());
        assertEquals("error: A network needs at least one block but the depth is 0. (the depth is set with --depth)\n", CliRun.of("fit", "--task", "surface:peaks2d", "--depth", "0").err());
        assertEquals("error: A network's width must be positive but is -3. (the width is set with --width)\n", CliRun.of("fit", "--task", "surface:peaks2d", "--width", "-3").err());
        String unknownArch = CliRun.of("fit", "--task", "surface:peaks2d", "--arch", "cnn").err();
        assertTrue(unknownArch.startsWith("error: Unknown architecture 'cnn'. The architectures on the classpath are: fnn, graded, nested, resnet,"
                + " transformer, with-depth-readouts."), unknownArch);
        assertEquals("error: The output folder must be named, not an empty path; e.g. out/run. (the out is set with --out)\n",
                CliRun.of("fit", "--task", "surface:peaks2d", "--out", "").err());
        CliRun unknownBackend = CliRun.of("fit", "--task", "surface:peaks2d", "--backend", "torch", "--out", dir.toString());
        assertEquals(2, unknownBackend.code());
        assertTrue(unknownBackend.err().startsWith("error: Backend 'torch' was requested by the --backend option, but no backend of "
                + "that name is on the classpath. Found: "), unknownBackend.err());
        Path file = Files.writeString(dir.resolve("a-file"), "x");
        CliRun unwritable = CliRun.of("fit", "--task", "surface:peaks2d", "--out", file.resolve("sub").toString(), "--backend", "djl");
        assertEquals(2, unwritable.code());
        assertTrue(unwritable.err().startsWith("error: Cannot write to the output folder " + file.resolve("sub")), unwritable.err());
        assertTrue(unwritable.err().endsWith("Choose a writable folder. (the out is set with --out)\n"), unwritable.err());
    }

    @Test
    void aDivergingRunSaysWhichOptionToLowerAndSavesNoResult(@TempDir Path dir) {
        CliRun r = CliRun.of("fit", "--task", "surface:peaks2d", "--depth", "2", "--width", "8", "--epochs", "2", "--examples", "200",
                "--lr", "1e9", "--dtype", "FLOAT64", "--trainer", "lpa", "--backend", "tensorflow", "--out", dir.toString());
        assertEquals(2, r.code(), r.out());
        assertTrue(r.err().startsWith("error: Training with lpa diverged: the loss "), r.err());
        assertTrue(r.err().endsWith("Lower the learning rate, e.g. to 1.0E8, or check the data for extreme values. "
                + "(the learningRate is set with --lr)\n"), r.err());
        assertTrue(Files.notExists(dir.resolve("report.json")), "no report of a diverged run");
    }

    @Test
    void existingResultIsKept_unlessOverwrite_thenReplacedAsAWhole(@TempDir Path dir) throws IOException {
        Path out = dir.resolve("run");
        String[] fit = {"fit", "--task", "surface:peaks2d", "--depth", "2", "--width", "8", "--epochs", "1", "--examples", "200",
            "--trainer", "both", "--backend", "tensorflow", "--out", out.toString()};
        CliRun first = CliRun.of(fit);
        assertEquals(0, first.code(), first.err());
        byte[] report = Files.readAllBytes(out.resolve("report.json"));

        CliRun again = CliRun.of(fit);
        assertEquals(2, again.code());
        assertEquals("error: The output folder " + out + " already holds results; they are kept. Choose another folder, or replace them"
                + " as a whole. (the replace is set with --overwrite)\n", again.err());
        assertTrue(Arrays.equals(report, Files.readAllBytes(out.resolve("report.json"))), "the earlier result is untouched");

        CliRun e2eOnly = CliRun.of("fit", "--task", "surface:peaks2d", "--depth", "2", "--width", "8", "--epochs", "1", "--examples", "200",
                "--trainer", "e2e", "--seed", "5", "--backend", "tensorflow", "--out", out.toString(), "--overwrite");
        assertEquals(0, e2eOnly.code(), e2eOnly.err());
        try (Stream<Path> files = Files.list(out); Stream<Path> siblings = Files.list(dir)) {
            assertEquals(List.of(AtomicDirectories.MARKER, "depth.png", "e2e", "report.json"), files.map(p -> p.getFileName().toString()).sorted().toList(),
                    "the old LPA model went with the old run: the folder is replaced as a whole, never mixed");
            assertEquals(List.of(out), siblings.toList(), "no staging, replaced or lock folder is left beside it");
        }
        assertEquals(5L, Models.inspect(out.resolve("e2e")).provenance().seed());
    }

    @Test
    void secondRunIntoAFolderBeingWritten_getsAClearError(@TempDir Path dir) throws Exception {
        Path out = dir.resolve("run");
        java.util.concurrent.CountDownLatch writing = new java.util.concurrent.CountDownLatch(1);
        java.util.concurrent.CountDownLatch done = new java.util.concurrent.CountDownLatch(1);
        Thread other = new Thread(() -> {
            try {
                org.lpa4j.api.io.AtomicDirectories.write(out, false, staging -> {
                    writing.countDown();
                    try {
                        done.await();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                });
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        other.start();
        writing.await();
        try {
            CliRun second = CliRun.of("fit", "--task", "surface:peaks2d", "--depth", "2", "--width", "8", "--epochs", "1", "--examples",
                    "200", "--backend", "tensorflow", "--out", out.toString());
            assertEquals(2, second.code());
            assertEquals("error: Another run is writing the output folder " + out + " right now; wait for it to finish or choose another"
                    + " folder. (the out is set with --out)\n",
                    second.err());
        } finally {
            done.countDown();
            other.join();
        }
    }

    @Test
    void resultsAreReadableAsTheUmaskAllows(@TempDir Path dir) throws IOException {
        Path out = dir.resolve("run");
        CliRun r = CliRun.of("fit", "--task", "surface:peaks2d", "--depth", "1", "--width", "8", "--epochs", "1", "--examples", "200",
                "--trainer", "lpa", "--backend", "tensorflow", "--out", out.toString());
        assertEquals(0, r.code(), r.err());
        Path probe = Files.createFile(dir.resolve("probe"));
        Path probeDir = Files.createDirectory(dir.resolve("probe-dir"));
        for (Path file : List.of(out.resolve("report.json"), out.resolve("depth.png"), out.resolve("lpa").resolve(Models.MANIFEST_FILE))) {
            assertEquals(Files.getPosixFilePermissions(probe), Files.getPosixFilePermissions(file), file.toString());
        }
        assertEquals(Files.getPosixFilePermissions(probeDir), Files.getPosixFilePermissions(out));
    }

    @Test
    void valuesThatWouldRunForHoursOrExhaustMemoryAreRefusedAtOnce(@TempDir Path dir) {
        String[] base = {"fit", "--task", "surface:peaks2d", "--backend", "tensorflow", "--out", dir.resolve("run").toString()};
        CliRun deep = CliRun.of(concat(base, "--depth", "10000"));
        assertEquals(2, deep.code());
        assertTrue(deep.err().startsWith("error: The depth must be between 1 and 1024 but is 10000"), deep.err());
        CliRun wide = CliRun.of(concat(base, "--depth", "1000", "--width", "16384"));
        assertEquals(2, wide.code());
        assertTrue(wide.err().contains("parameters, more than the 268435456 that lpa4j trains on a CPU"), wide.err());
        CliRun many = CliRun.of(concat(base, "--examples", "2147483647"));
        assertEquals(2, many.code());
        assertTrue(many.err().contains("between 1 and 10000000") && many.err().contains("--examples"), many.err());
        CliRun epochs = CliRun.of(concat(base, "--epochs", "2000000000"));
        assertEquals(2, epochs.code());
        assertTrue(epochs.err().startsWith("error: The epochs must be at most 1000000"), epochs.err());
        assertTrue(Files.notExists(dir.resolve("run")), "nothing is written for refused options");
    }

    private static String[] concat(String[] a, String... b) {
        String[] all = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, all, a.length, b.length);
        return all;
    }

    @Test
    void overwrite_replacesOnlyAnEarlierResult_neverAFileASpecialFileOrAFolderOfTheUsersFiles(@TempDir Path dir) throws Exception {
        Path notes = Files.writeString(dir.resolve("notes.txt"), "mine");
        CliRun file = CliRun.of("fit", "--task", "surface:peaks2d", "--out", notes.toString(), "--overwrite");
        assertEquals(2, file.code());
        assertTrue(file.err().startsWith("error: " + notes + " is a file, not a folder of results; it is kept"), file.err());
        assertTrue(file.err().contains("(the out is set with --out)"), "the sentence names the flag: " + file.err());
        CliRun fileNoOverwrite = CliRun.of("fit", "--task", "surface:peaks2d", "--out", notes.toString());
        assertTrue(fileNoOverwrite.err().contains("is a file") && !fileNoOverwrite.err().contains("already holds results"), fileNoOverwrite.err());
        assertEquals("mine", Files.readString(notes));

        Path home = Files.createDirectories(dir.resolve("home/src"));
        Files.writeString(home.resolve("main.c"), "int main;");
        CliRun folder = CliRun.of("fit", "--task", "surface:peaks2d", "--out", home.getParent().toString(), "--overwrite");
        assertEquals(2, folder.code());
        assertTrue(folder.err().contains("holds files that are not an lpa4j result (src)"), folder.err());
        assertTrue(folder.err().contains("only a folder lpa4j wrote (it holds .lpa4j-result) is ever replaced")
                && folder.err().contains("--out"), folder.err());
        assertEquals("int main;", Files.readString(home.resolve("main.c")));

        Path fifo = dir.resolve("device");
        assertEquals(0, new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor());
        CliRun special = CliRun.of("fit", "--task", "surface:peaks2d", "--out", fifo.toString(), "--overwrite");
        assertTrue(special.err().contains("is a device or other special file"), special.err());
        assertTrue(Files.exists(fifo) && !Files.isRegularFile(fifo) && !Files.isDirectory(fifo));
    }

    @Test
    void anInterruptedOverwrite_neverHidesTheFinishedResult_fromItsReaders(@TempDir Path dir) throws IOException {
        Path out = dir.resolve("run");
        CliRun first = CliRun.of("fit", "--task", "surface:peaks2d", "--depth", "2", "--width", "8", "--epochs", "1", "--examples", "200",
                "--trainer", "lpa", "--backend", "tensorflow", "--out", out.toString());
        assertEquals(0, first.code(), first.err());
        Files.move(out, dir.resolve(".run.replaced-0c"));
        Files.createDirectory(dir.resolve(".run.partial-9d"));
        CliRun evaluate = CliRun.of("evaluate", "--model", out.resolve("lpa").toString(), "--backend", "tensorflow", "--repeats", "1",
                "--no-save");
        assertEquals(0, evaluate.code(), evaluate.err());
        assertTrue(evaluate.out().contains("not saved (--no-save)"), evaluate.out());
        assertTrue(Files.isRegularFile(out.resolve("report.json")), "the finished run is back where it was");
    }
}
