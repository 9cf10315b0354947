package org.lpa4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lpa4j.api.params.ParameterFiles;
import org.lpa4j.cli.output.ReportWriter;
import org.lpa4j.api.training.DepthReport;

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
        assertTrue(ParameterFiles.read(dir.resolve("lpa-weights.bin")).contains("block3.fc2.weight"));
        FitOptions saved = new ReportWriter().readJson(dir.resolve("fit-options.json"), FitOptions.class);
        assertEquals(3, saved.depth());
        assertEquals(dir, saved.out());
    }

    @Test
    void badInputGetsASentenceAndExitCode2(@TempDir Path dir) throws IOException {
        CliRun unknownTask = CliRun.of("fit", "--task", "surface:nope", "--out", dir.toString());
        assertEquals(2, unknownTask.code());
        assertTrue(unknownTask.err().startsWith("error: Unknown task 'surface:nope'. Known tasks: "), unknownTask.err());
        assertTrue(unknownTask.err().contains("surface:oscillation1d, surface:peaks2d, surface:discontinuous2d, surface:smooth3d, moby, spam, "
                + "digits, mnist, fashion-mnist"), unknownTask.err());
        assertEquals("error: --depth must be at least 1 but is 0.\n", CliRun.of("fit", "--task", "surface:peaks2d", "--depth", "0").err());
        assertEquals("error: --width must be positive but is -3.\n", CliRun.of("fit", "--task", "surface:peaks2d", "--width", "-3").err());
        assertTrue(CliRun.of("fit", "--task", "surface:peaks2d", "--arch", "cnn").err().startsWith("error: Unknown architecture 'cnn'. Known: fnn"));
        CliRun unknownBackend = CliRun.of("fit", "--task", "surface:peaks2d", "--backend", "torch", "--out", dir.toString());
        assertEquals(2, unknownBackend.code());
        assertTrue(unknownBackend.err().startsWith("error: Backend 'torch' was requested by the --backend option, but no backend of "
                + "that name is on the classpath. Found: "), unknownBackend.err());
        Path file = Files.writeString(dir.resolve("a-file"), "x");
        CliRun unwritable = CliRun.of("fit", "--task", "surface:peaks2d", "--out", file.resolve("sub").toString(), "--backend", "djl");
        assertEquals(2, unwritable.code());
        assertTrue(unwritable.err().startsWith("error: Cannot write to the output directory " + file.resolve("sub")), unwritable.err());
        assertTrue(unwritable.err().endsWith("Choose a writable directory with --out.\n"), unwritable.err());
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
}
