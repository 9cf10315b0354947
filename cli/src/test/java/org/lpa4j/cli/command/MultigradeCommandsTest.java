package org.lpa4j.cli.command;

import org.lpa4j.cli.CliRun;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import org.lpa4j.models.ModelManifest;
import org.lpa4j.models.Models;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lpa4j.experiments.DepthReport;
import org.lpa4j.cli.output.ReportWriter;

/** {@code lpa4j fit --trainer multigrade} on a real engine: one readout per grade in the report, and the answer to image inputs. */
class MultigradeCommandsTest {

    @Test
    void multigradeFitReportsTheErrorAfterEveryGrade(@TempDir Path dir) throws IOException {
        CliRun r = CliRun.of("fit", "--task", "surface:oscillation1d", "--trainer", "multigrade", "--depth", "2", "--width", "16", "--epochs", "4",
                "--examples", "400", "--backend", "tensorflow", "--out", dir.toString());
        assertEquals(0, r.code(), r.err());
        DepthReport report = new ReportWriter().read(dir.resolve("report.json"));
        assertEquals(1, report.trainers().size());
        double[] error = report.trainers().get(0).values();
        assertEquals(2, error.length, "one readout per grade");
        assertTrue(error[1] < error[0], "the second grade fits part of what the first left: " + java.util.Arrays.toString(error));
    }

    @Test
    void theFormerNamesMgdlAndStairStillWork_underTheNamesOfNow(@TempDir Path dir) throws IOException {
        CliRun r = CliRun.of("fit", "--task", "surface:oscillation1d", "--trainer", "mgdl", "--grade-tolerance", "1e-9", "--arch", "stair",
                "--depth", "2", "--width", "8", "--epochs", "2", "--examples", "200", "--backend", "tensorflow", "--out", dir.toString());
        assertEquals(0, r.code(), r.err());
        assertEquals("multigrade", new ReportWriter().read(dir.resolve("report.json")).trainers().get(0).trainer());
        ModelManifest saved = Models.inspect(dir.resolve("multigrade"));
        assertEquals("graded", saved.architecture().name());
        assertEquals("multigrade", saved.training().trainer());
        assertEquals(1e-9, ((Number) saved.training().options().get("gradeTolerance")).doubleValue());
        assertEquals(0, CliRun.of("mgdl-reference", "--help").code(), "the reference command's former name");
    }

    @Test
    void multigradeNeedsFeatureVectors(@TempDir Path dir) {
        CliRun r = CliRun.of("fit", "--task", "digits", "--trainer", "multigrade", "--depth", "2", "--backend", "tensorflow", "--out", dir.toString());
        assertEquals(2, r.code());
        assertTrue(r.err().contains("feature vectors"), r.err());
    }
}
