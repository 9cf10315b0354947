package org.lpa4j.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lpa4j.experiments.DepthReport;
import org.lpa4j.experiments.ExperimentOutput;
import org.lpa4j.experiments.ReportJson;
import org.lpa4j.models.Models;

/** The example runs as a user would run it: its own architecture and trainer are found, trained, saved and reloaded. */
class ExampleTest {

    @Test
    void theExampleTrainsSavesAndReloads(@TempDir Path dir) throws IOException {
        Path out = dir.resolve("run");
        Example.main(new String[] {out.toString()});
        DepthReport report = ReportJson.read(out.resolve(ExperimentOutput.REPORT_FILE), DepthReport.class);
        assertEquals(TanhBlocksProvider.NAME, report.architecture());
        assertEquals(3, report.trainers().size());
        assertEquals(DeepestTwoTrainerProvider.NAME, Models.inspect(out.resolve(DeepestTwoTrainerProvider.NAME)).training().trainer());
        double[] lpa = report.trainers().get(0).values();
        assertTrue(lpa[lpa.length - 1] < lpa[0], "LPA's error falls with depth on the user's own architecture");
        assertTrue(Files.isRegularFile(out.resolve("lpa").resolve(Models.WEIGHTS_FILE)));
    }
}
