package org.lpa4j.cli.command;

import org.lpa4j.cli.CliRun;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lpa4j.experiments.DepthReport;
import org.lpa4j.cli.output.ReportWriter;
import org.lpa4j.models.ModelManifest;
import org.lpa4j.models.Models;

/** {@code lpa4j fit --task digits --arch resnet} end to end on TensorFlow, and the answers to mismatched task and architecture. */
class ImageTasksTest {
    /** Ten classes: a network that learned nothing scores about 0.1. */
    private static final double WELL_ABOVE_CHANCE = 0.5;


    @Test
    void fitOnDigitsReportsAccuracyAtEveryDepth(@TempDir Path dir) throws IOException {
        CliRun r = CliRun.of("fit", "--task", "digits", "--arch", "resnet", "--depth", "2", "--width", "8", "--epochs", "3", "--lr", "0.02",
                "--batch-size", "64", "--trainer", "both", "--backend", "tensorflow", "--out", dir.toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("Test accuracy by depth (higher is better)"), r.out());
        assertTrue(r.out().contains("Test cross-entropy by depth (lower is better)"), r.out());
        DepthReport report = new ReportWriter().read(dir.resolve("report.json"));
        assertEquals("digits", report.task());
        assertEquals("resnet", report.architecture());
        assertEquals("accuracy", report.metric());
        assertFalse(report.lowerIsBetter());
        assertEquals("cross-entropy", report.secondaryMetric());
        assertEquals(2, report.trainers().size());
        double[] lpa = report.trainers().get(0).values();
        assertEquals(2, lpa.length);
        assertTrue(lpa[1] >= WELL_ABOVE_CHANCE, "LPA's last depth should have learned the digits: " + Arrays.toString(lpa));
        assertTrue(Files.size(dir.resolve("depth.png")) > 1000);
        ModelManifest lpaModel = Models.inspect(dir.resolve("lpa"));
        assertEquals("resnet", lpaModel.architecture().name());
        assertEquals("UNIFORM", lpaModel.training().option(ModelManifest.WEIGHTING), "the default weighting by loss, as it resolved for cross-entropy");
        assertEquals(org.lpa4j.api.data.OutputKind.CLASSES, lpaModel.output().kind());
        assertEquals(java.util.List.of(1, 8, 8), Arrays.stream(lpaModel.input().exampleShape()).boxed().toList());
        assertTrue(Arrays.equals(lpa, lpaModel.metrics().get(0).test()), "the bundle records the test accuracy the report gives");
    }

    @Test
    void imagesNeedTheResNetAndTheResNetNeedsImages(@TempDir Path dir) {
        CliRun fnnOnImages = CliRun.of("fit", "--task", "digits", "--arch", "fnn", "--backend", "tensorflow", "--out", dir.toString());
        assertEquals(2, fnnOnImages.code());
        assertTrue(fnnOnImages.err().startsWith("error: Architecture 'fnn' cannot serve a task whose examples are inputs of shape [1, 8, 8]"
                + " with 10 outputs (CLASSES) (fnn reads feature vectors). Architectures that can: resnet."), fnnOnImages.err());
        CliRun resnetOnSurface = CliRun.of("fit", "--task", "surface:peaks2d", "--arch", "resnet", "--backend", "tensorflow", "--out", dir.toString());
        assertEquals(2, resnetOnSurface.code());
        assertTrue(resnetOnSurface.err().contains("(resnet reads images [channels, height, width])"), resnetOnSurface.err());
        assertEquals("error: The training-example limit must be 0 (all) or positive but is -1. (the limit is set with --limit)\n",
                CliRun.of("fit", "--task", "digits", "--arch", "resnet", "--limit", "-1").err());
    }
}
