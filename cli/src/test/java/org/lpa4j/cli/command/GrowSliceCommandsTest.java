package org.lpa4j.cli.command;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.lpa4j.cli.CliRun;
import org.lpa4j.models.ModelManifest;
import org.lpa4j.models.Models;

/**
 * {@code lpa4j slice} and {@code lpa4j grow} on a surface model fitted with LPA: the slice keeps the parent's depths, the
 * grown model keeps the parent's test metric at depths 1..L exactly, names its parent and calibrates a saved exit policy again.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class GrowSliceCommandsTest {
    @TempDir
    static Path dir;
    private Path model;
    private ModelManifest parent;

    @BeforeAll
    void fit() {
        CliRun fit = CliRun.of("fit", "--task", "surface:peaks2d", "--depth", "2", "--width", "16", "--epochs", "3", "--examples", "600",
                "--trainer", "lpa", "--backend", "tensorflow", "--out", dir.resolve("run").toString());
        assertEquals(0, fit.code(), fit.err());
        model = dir.resolve("run").resolve("lpa");
        Models.saveExitPolicy(model, Map.of("kind", "fixed_depth", "depth", 2, "calibration", Map.of("accepted_loss", 0.05, "relative", true)));
        parent = Models.inspect(model);
    }

    @Test
    void grow_keepsTheParentsDepths_namesItsParent_andCalibratesTheExitPolicyAgain() {
        Path out = dir.resolve("grown");
        CliRun r = CliRun.of("grow", "--model", model.toString(), "--add", "2", "--epochs", "2", "--backend", "tensorflow", "--out", out.toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("from depth 2 to 4"), r.out());
        ModelManifest grown = Models.inspect(out);
        assertEquals(4, grown.depth());
        assertEquals(ModelManifest.Lineage.GROW, grown.lineage().step());
        assertEquals(parent.weights().sha256(), grown.lineage().parentWeightsSha256());
        assertEquals(2, grown.lineage().details().get("added"));
        double[] before = parent.metrics().get(0).test();
        double[] after = grown.metrics().get(0).test();
        assertArrayEquals(before, java.util.Arrays.copyOf(after, 2), 0.0);
        assertNotNull(grown.exitPolicy());
        assertNotNull(((Map<?, ?>) grown.exitPolicy().get("calibration")).get("mean_depth"), "a calibration measured on the grown model");
        CliRun evaluate = CliRun.of("evaluate", "--model", out.toString(), "--backend", "tensorflow", "--repeats", "1", "--plot",
                dir.resolve("grown.png").toString());
        assertEquals(0, evaluate.code(), evaluate.err());
        assertTrue(evaluate.out().contains("Depths 1..2 are those of the parent model"), evaluate.out());
        CliRun again = CliRun.of("grow", "--model", model.toString(), "--add", "1", "--epochs", "1", "--backend", "tensorflow", "--out", out.toString());
        assertEquals(2, again.code());
        assertTrue(again.err().contains("already exists"), again.err());
        assertTrue(again.err().contains("lpa4j grow writes --out as a new folder"), again.err());
    }

    @Test
    void slice_keepsDepthsOneToK_andRefusesADepthTheModelDoesNotHave() {
        Path out = dir.resolve("cut");
        CliRun r = CliRun.of("slice", "--model", model.toString(), "--depth", "1", "--out", out.toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("not carried over"), r.out());
        assertEquals(1, Models.inspect(out).depth());
        assertEquals(parent.metrics().get(0).test()[0], Models.inspect(out).metrics().get(0).test()[0], 0.0);
        CliRun again = CliRun.of("slice", "--model", model.toString(), "--depth", "1", "--out", out.toString());
        assertEquals(2, again.code());
        assertTrue(again.err().contains("it is kept") && again.err().contains("lpa4j slice writes --out as a new folder"), again.err());
        CliRun bad = CliRun.of("slice", "--model", model.toString(), "--depth", "5", "--out", dir.resolve("bad").toString());
        assertEquals(2, bad.code());
        assertTrue(bad.err().contains("depths 1..2"), bad.err());
        assertFalse(Files.exists(dir.resolve("bad")));
    }
}
