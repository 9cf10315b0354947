package org.lpa4j.cli.command;

import org.lpa4j.cli.CliRun;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.lpa4j.api.backend.Backend;
import org.lpa4j.api.backend.Backends;
import org.lpa4j.api.tensor.HostTensor;
import org.lpa4j.api.tensor.Shape;
import org.lpa4j.models.LoadedModel;
import org.lpa4j.models.Models;

/**
 * {@code lpa4j predict} with a surface model: fixed depth equals the model's depth-k readout, auto calibrates on the
 * validation split rebuilt from the data options the model records (fit's {@code --examples 400}, not given again), bad
 * input is a sentence.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PredictCommandTest {
    private static final float[] POINTS = {0.1f, 0.2f, 0.5f, 0.5f, 0.9f, 0.3f, 0.0f, 1.0f};

    @TempDir
    static Path dir;
    private Path model;
    private Path input;

    @BeforeAll
    void fit() throws Exception {
        CliRun fit = CliRun.of("fit", "--task", "surface:peaks2d", "--depth", "3", "--width", "16", "--epochs", "5", "--examples", "400",
                "--trainer", "lpa", "--backend", "tensorflow", "--out", dir.resolve("run").toString());
        assertEquals(0, fit.code(), fit.err());
        model = dir.resolve("run").resolve("lpa");
        input = dir.resolve("points.csv");
        StringBuilder csv = new StringBuilder();
        for (int i = 0; i < POINTS.length; i += 2) {
            csv.append(POINTS[i]).append(", ").append(POINTS[i + 1]).append('\n').append(i == 2 ? "\n" : "");
        }
        Files.writeString(input, csv);
    }

    @Test
    void aFixedDepthGivesThatDepthsReadout_andAutoLeavesEachRowAtADepthOfTheModel() throws Exception {
        Path out = dir.resolve("depth2.csv");
        CliRun r = CliRun.of("predict", "--model", model.toString(), "--input", input.toString(), "--depth", "2", "--out", out.toString(),
                "--backend", "djl");
        assertEquals(0, r.code(), r.err());
        List<String> lines = Files.readAllLines(out);
        assertEquals("row,depth,y1", lines.get(0));
        assertEquals(POINTS.length / 2 + 1, lines.size());
        try (Backend tensorflow = Backends.open("tensorflow"); LoadedModel loaded = Models.load(model, tensorflow)) {
            HostTensor expected = loaded.model().predict(HostTensor.ofFloats(Shape.of(POINTS.length / 2, 2), POINTS), 2);
            for (int i = 0; i < expected.size(); i++) {
                String[] cells = lines.get(i + 1).split(",");
                assertEquals(i + ",2", cells[0] + "," + cells[1]);
                assertEquals(expected.getDouble(i), Double.parseDouble(cells[2]), 1e-5, "row " + i + " on DJL against TensorFlow");
            }
        }
        Path auto = dir.resolve("auto.csv");
        CliRun a = CliRun.of("predict", "--model", model.toString(), "--input", input.toString(), "--out", auto.toString(), "--backend",
                "tensorflow");
        assertEquals(0, a.code(), a.err());
        for (String line : Files.readAllLines(auto).subList(1, POINTS.length / 2 + 1)) {
            int depth = Integer.parseInt(line.split(",")[1]);
            assertTrue(depth >= 1 && depth <= 3, line);
        }
    }

    @Test
    void badInputsAndAnExistingOutputAreSentences() throws Exception {
        Path bad = dir.resolve("bad.csv");
        Files.writeString(bad, "0.1,0.2\n0.3,0.4,0.5\n");
        CliRun wrongWidth = CliRun.of("predict", "--model", model.toString(), "--input", bad.toString(), "--depth", "1", "--out",
                dir.resolve("x.csv").toString());
        assertEquals("error: Line 2 of " + bad + " has 3 values but the model reads 2 per example (shape [2]).\n", wrongWidth.err());
        Files.writeString(bad, "0.1,nan\n");
        assertTrue(CliRun.of("predict", "--model", model.toString(), "--input", bad.toString(), "--depth", "1", "--out",
                dir.resolve("x.csv").toString()).err().contains("is 'nan', not a finite number"));
        Path existing = dir.resolve("existing.csv");
        Files.writeString(existing, "keep me");
        CliRun kept = CliRun.of("predict", "--model", model.toString(), "--input", input.toString(), "--depth", "1", "--out", existing.toString());
        assertTrue(kept.err().startsWith("error: The file " + existing + " already exists"), kept.err());
        assertEquals("keep me", Files.readString(existing));
        assertEquals("error: --depth 4 is outside 1..3 of this model.\n", CliRun.of("predict", "--model", model.toString(), "--input",
                input.toString(), "--depth", "4", "--out", dir.resolve("y.csv").toString(), "--backend", "tensorflow").err());
    }

    @Test
    void exitNoneReadsOutTheWholeNetwork_likeDepthL() throws Exception {
        Path none = dir.resolve("none.csv");
        Path full = dir.resolve("full.csv");
        CliRun r = CliRun.of("predict", "--model", model.toString(), "--input", input.toString(), "--exit", "none", "--out", none.toString(),
                "--backend", "tensorflow");
        assertEquals(0, r.code(), r.err());
        assertEquals(0, CliRun.of("predict", "--model", model.toString(), "--input", input.toString(), "--depth", "3", "--out",
                full.toString(), "--backend", "tensorflow").code());
        assertEquals(Files.readAllLines(full), Files.readAllLines(none));
        assertTrue(Files.readAllLines(none).get(1).startsWith("0,3,"), Files.readAllLines(none).get(1));
    }

    @Test
    void theOldDepthFormsAndClashingChoicesAreSentences() {
        String[] base = {"predict", "--model", model.toString(), "--input", input.toString(), "--out", dir.resolve("z.csv").toString()};
        CliRun auto = CliRun.of(concat(base, "--depth", "auto"));
        assertEquals(2, auto.code());
        assertTrue(auto.err().contains("'predict --exit auto' (predict's default when --depth is left out): drop '--depth auto'."), auto.err());
        CliRun word = CliRun.of(concat(base, "--depth", "two"));
        assertTrue(word.err().contains("--depth is a number of blocks, a whole number such as 2, but is 'two'."), word.err());
        assertEquals("error: --depth 2 reads out every input at one depth and --exit auto lets each input leave at its own; give one of them.\n",
                CliRun.of(concat(base, "--depth", "2", "--exit", "auto")).err());
        assertEquals("error: --max-loss calibrates the early-exit policy of --exit auto, which --exit none does not use; drop --max-loss.\n",
                CliRun.of(concat(base, "--exit", "none", "--max-loss", "1")).err());
        assertTrue(CliRun.of(concat(base, "--exit", "sometimes")).err().startsWith("error: --exit is auto"));
        assertFalse(Files.exists(dir.resolve("z.csv")));
    }

    private static String[] concat(String[] base, String... more) {
        String[] all = java.util.Arrays.copyOf(base, base.length + more.length);
        System.arraycopy(more, 0, all, base.length, more.length);
        return all;
    }
}
