package org.lpa4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.lpa4j.experiments.DepthSpread;
import org.lpa4j.experiments.SeedsReport;
import org.lpa4j.cli.output.ReportWriter;

/**
 * The one-command reference and the multi-seed report for every task family (a surface, images, text) on every
 * backend: {@code fit --trainer lpa,e2e,separate --seeds 0,1} on tiny runs, checked against the seeds' own reports.
 */
class FitReferenceFamiliesTest {
    private static final List<String> BACKENDS = List.of("nd4j", "djl", "tensorflow");
    private static final List<List<String>> FAMILIES = List.of(
            List.of("--task", "surface:peaks2d", "--arch", "fnn", "--width", "8", "--examples", "200", "--epochs", "2"),
            List.of("--task", "digits", "--arch", "resnet", "--width", "4", "--epochs", "1", "--batch-size", "128"),
            List.of("--task", "moby", "--arch", "transformer", "--width", "8", "--heads", "2", "--context", "8", "--limit", "64", "--epochs", "1",
                    "--batch-size", "32"));

    static Stream<Arguments> familiesOnEveryBackend() {
        return BACKENDS.stream().flatMap(backend -> FAMILIES.stream().map(family -> Arguments.of(family.get(1), backend, family)));
    }

    @ParameterizedTest(name = "{0} on {1}")
    @MethodSource("familiesOnEveryBackend")
    void lpaE2eAndTheSeparateModelsOverTwoSeeds(String task, String backend, List<String> family, @TempDir Path dir) throws IOException {
        List<String> args = new ArrayList<>(List.of("fit", "--depth", "2", "--backend", backend, "--trainer", "lpa,e2e,separate",
                "--separate-depths", "1", "--seeds", "0,1", "--out", dir.toString()));
        args.addAll(family);
        CliRun r = CliRun.of(args.toArray(String[]::new));
        assertEquals(0, r.code(), r.err());
        SeedsReport report = new ReportWriter().readJson(dir.resolve("report.json"), SeedsReport.class);
        assertEquals(List.of("lpa", "e2e", "separate"), report.trainers().stream().map(DepthSpread::trainer).toList());
        assertEquals(2, report.runs().size());
        for (int t = 0; t < 3; t++) {
            DepthSpread column = report.trainers().get(t);
            double a = report.runs().get(0).trainers().get(t).at(1);
            double b = report.runs().get(1).trainers().get(t).at(1);
            assertTrue(Double.isFinite(a) && Double.isFinite(b), column.trainer() + " at depth 1: " + a + ", " + b);
            assertEquals((a + b) / 2, column.mean()[0], 1e-12, column.trainer());
        }
        assertTrue(Double.isNaN(report.trainers().get(2).mean()[1]), "no separate model of depth 2 was asked for");
        double gap = report.runs().get(0).trainers().get(0).at(1) - report.runs().get(0).trainers().get(2).at(1);
        assertEquals(gap, report.runs().get(0).gaps().get(0).at(1), 1e-15, "LPA's gap to the separate model of depth 1");
        assertTrue(Files.isDirectory(dir.resolve("seed-1/separate/depth-1")) && Files.size(dir.resolve("depth.png")) > 1000);
    }
}
