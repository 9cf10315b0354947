package org.lpa4j.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lpa4j.api.training.DepthCurve;
import org.lpa4j.experiments.DepthReport;
import org.lpa4j.experiments.DepthSpread;
import org.lpa4j.experiments.SeedsReport;
import org.lpa4j.cli.output.ReportWriter;
import org.lpa4j.models.Models;

/** {@code fit --trainer lpa,e2e,separate}: the separately trained models' column and LPA's gap to it; {@code --seeds}: means and spreads. */
class FitReferenceTest {
    private static final String[] TINY = {"fit", "--task", "surface:peaks2d", "--depth", "3", "--width", "8", "--epochs", "2", "--examples", "200",
            "--backend", "djl"};

    private static CliRun fit(Path out, String... more) {
        String[] args = new String[TINY.length + more.length + 2];
        System.arraycopy(TINY, 0, args, 0, TINY.length);
        System.arraycopy(more, 0, args, TINY.length, more.length);
        args[args.length - 2] = "--out";
        args[args.length - 1] = out.toString();
        return CliRun.of(args);
    }

    @Test
    void theSeparateColumnHoldsOneEndToEndModelPerChosenDepth_andLpasGapToIt(@TempDir Path dir) throws IOException {
        CliRun r = fit(dir, "--trainer", "lpa,e2e,separate", "--separate-depths", "1,3");
        assertEquals(0, r.code(), r.err());
        DepthReport report = new ReportWriter().read(dir.resolve("report.json"));
        assertEquals(List.of("lpa", "e2e", "separate"), report.trainers().stream().map(DepthCurve::trainer).toList());
        DepthCurve separate = report.trainers().get(2);
        assertEquals(3, separate.depth());
        assertTrue(Double.isNaN(separate.at(2)), "no model of depth 2 was asked for");
        assertEquals(report.trainers().get(1).at(3), separate.at(3), "the depth-3 model is the E2E model (same network, seed and loss)");
        double[] depthOne = Models.inspect(dir.resolve("separate/depth-1")).metrics().get(0).test();
        assertEquals(1, depthOne.length, "the separate model of depth 1 is saved as a depth-1 network");
        assertEquals(depthOne[0], separate.at(1));
        assertEquals(1, report.gaps().size());
        assertEquals(report.trainers().get(0).at(1) - separate.at(1), report.gaps().get(0).at(1), 1e-15);
        assertEquals(report.trainers().get(0).at(3) - separate.at(3), report.gaps().get(0).at(3), 1e-15);
        assertEquals(3, report.secondary().size());
        assertTrue(r.out().contains("LPA-SEPARATE"), r.out());
        assertTrue(Files.size(dir.resolve("depth.png")) > 1000);
    }

    @Test
    void severalSeedsReportTheMeanAndSpreadOfTheSeedsOwnRuns(@TempDir Path dir) throws IOException {
        CliRun r = fit(dir, "--trainer", "lpa,separate", "--separate-depths", "1", "--seeds", "0,1");
        assertEquals(0, r.code(), r.err());
        SeedsReport report = new ReportWriter().readJson(dir.resolve("report.json"), SeedsReport.class);
        assertEquals(List.of(0L, 1L), report.seeds());
        assertEquals(2, report.runs().size());
        assertEquals(1L, report.runs().get(1).seed());
        for (int t = 0; t < 2; t++) {
            DepthSpread column = report.trainers().get(t);
            double a = report.runs().get(0).trainers().get(t).at(1);
            double b = report.runs().get(1).trainers().get(t).at(1);
            assertEquals((a + b) / 2, column.mean()[0], 1e-12, column.trainer());
            assertEquals(Math.abs(a - b) / Math.sqrt(2), column.spread()[0], 1e-12, column.trainer());
            assertTrue(a != b, "another seed draws other data and weights");
        }
        assertArrayEquals(new double[] {report.runs().get(0).gaps().get(0).at(1), report.runs().get(1).gaps().get(0).at(1)},
                report.runs().stream().mapToDouble(run -> run.trainers().get(0).at(1) - run.trainers().get(1).at(1)).toArray(), 1e-15);
        assertTrue(r.out().contains("mean ± sample standard deviation over seeds 0,1"), r.out());
        assertTrue(Files.isDirectory(dir.resolve("seed-1/lpa")) && Files.isDirectory(dir.resolve("seed-0/separate/depth-1")));
    }

    @Test
    void everyLpaOptionIsAFlagOfFit(@TempDir Path dir) throws IOException {
        CliRun r = fit(dir, "--trainer", "lpa", "--distill", "0.5", "--distill-temperature", "2", "--balance", "--uniform-epochs", "1",
                "--layer-dropout", "0.2", "--weight-decay", "0.001", "--distill-depths", "1", "--distill-reach", "HEAD");
        assertEquals(0, r.code(), r.err());
        DepthReport report = new ReportWriter().read(dir.resolve("report.json"));
        assertEquals(3, report.trainers().get(0).depth());
        assertTrue(report.gaps().isEmpty(), "no separate column, no gap");
        Map<String, Object> recorded = new java.util.LinkedHashMap<>(Models.inspect(dir.resolve("lpa")).training().options());
        assertTrue(recorded.remove(org.lpa4j.models.ModelManifest.FORM) != null && recorded.remove(org.lpa4j.models.ModelManifest.WEIGHTING) != null,
                "LPA's form and weighting are among its options");
        assertEquals(Map.ofEntries(Map.entry("distillation", 0.5), Map.entry("distillationTemperature", 2.0), Map.entry("gradientBalancing", true),
                Map.entry("uniformEpochs", 1), Map.entry("layerDropout", 0.2), Map.entry("labelSmoothing", 0.0), Map.entry("weightDecay", 0.001),
                Map.entry("distillationDepths", 1), Map.entry("distillationReach", "HEAD"), Map.entry("readoutAdapter", false),
                Map.entry("readoutRank", 0), Map.entry("readoutPooling", false), Map.entry("temperatureCalibration", false),
                Map.entry("shallowFirstEpochs", 0)), recorded, "the saved model records how it was trained");
    }

    @Test
    void badListsGetASentence(@TempDir Path dir) {
        String unknown = fit(dir, "--trainer", "lpa,sep").err();
        assertTrue(unknown.startsWith("error: Unknown trainer 'sep'. The trainers on the classpath are: deepest-two, e2e, lpa, multigrade, separate."), unknown);
        assertEquals("error: A separate model of depth 4 was asked for, but the network has 3 blocks; choose depths between 1 and 3."
                + " (the depths is set with --separate-depths)\n", fit(dir, "--trainer", "separate", "--separate-depths", "1,4").err());
        assertEquals("error: --separate-depths is an option of the separate trainer, which --trainer lpa does not list; add separate to"
                + " --trainer or leave the option out.\n", fit(dir, "--trainer", "lpa", "--separate-depths", "1").err());
        assertEquals("error: The seeds list a seed twice ([1, 1]); give each seed once. (the seeds is set with --seeds)\n",
                fit(dir, "--seeds", "1,1").err());
        assertEquals("error: The e2e trainer has no option 'rate'; it takes none.\n", fit(dir, "--trainer-option", "e2e.rate=2").err());
        assertOptionRefused(fit(dir, "--distill", "1"), "The self-distillation weight must be at least 0 and below 1", "distillation", "--distill");
        assertOptionRefused(fit(dir, "--layer-dropout", "-0.5"), "The layer dropout rate must be at least 0 and below 1", "layerDropout",
                "--layer-dropout");
        assertOptionRefused(fit(dir, "--distill-temperature", "0"), "The self-distillation temperature must be positive and finite",
                "distillationTemperature", "--distill-temperature");
        assertOptionRefused(fit(dir, "--uniform-epochs", "-1"), "The number of epochs with uniform depth weights must be 0 or positive",
                "uniformEpochs", "--uniform-epochs");
    }

    /** The library's sentence about an LPA option, completed with the flag that sets it, and exit code 2. */
    private static void assertOptionRefused(CliRun r, String sentence, String setting, String flag) {
        assertEquals(2, r.code(), r.err());
        assertTrue(r.err().startsWith("error: " + sentence), r.err());
        assertTrue(r.err().endsWith(" (the " + setting + " is set with " + flag + ")\n"), r.err());
    }
}
