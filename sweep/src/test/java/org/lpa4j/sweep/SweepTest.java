package org.lpa4j.sweep;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.api.java.JavaSparkContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lpa4j.api.InvalidSettingException;
import org.lpa4j.api.io.AtomicDirectories;
import org.lpa4j.api.training.DepthCurve;
import org.lpa4j.experiments.DepthReport;
import org.lpa4j.experiments.ExperimentResult;
import org.lpa4j.experiments.ExperimentRunner;
import org.lpa4j.experiments.Registries;

/** Sweeps in embedded {@code local[2]}: grids refused up front, figures equal to the same fits one by one, failures, reruns. */
class SweepTest {
    /** A tiny surface grid: depth 2 by two seeds, LPA and E2E, width 8, 2 epochs, on TensorFlow. */
    static final String GRID = """
            settings:
              task: surface:peaks2d
              arch: fnn
              width: 8
              epochs: 2
              examples: 200
              batch-size: 50
              trainer: lpa,e2e
              backend: tensorflow
            axes:
              depth: [2]
              seed: [0, 1]
            """;

    private static JavaSparkContext spark;
    private static final Registries REGISTRIES = Registries.discover();
    private static final Map<Map<String, Object>, DepthReport> ALONE = new HashMap<>();

    @BeforeAll
    static void start() {
        spark = new JavaSparkContext(SweepRunner.embedded(EmbeddedPolicy.choose(2, 4, 1)));
    }

    @AfterAll
    static void stop() {
        if (spark != null) {
            spark.stop();
        }
    }

    static Sweep sweep(Path dir, String grid) throws IOException {
        Path file = dir.resolve("grid.yaml");
        Files.writeString(file, grid);
        return Sweep.of(Grid.read(file), REGISTRIES);
    }

    @Test
    void refusesAnUnknownAxisOrValueBeforeAnythingRuns(@TempDir Path dir) throws IOException {
        InvalidSettingException axis = assertThrows(InvalidSettingException.class, () -> sweep(dir, GRID + "  colour: [red, blue]\n"));
        assertTrue(axis.getMessage().startsWith("The grid names an unknown setting 'colour' in axis colour;"), axis.getMessage());
        InvalidSettingException task = assertThrows(InvalidSettingException.class,
                () -> sweep(dir, GRID.replace("task: surface:peaks2d", "task: surface:nowhere")));
        assertTrue(task.getMessage().startsWith("In the grid's cell depth=2,seed=0: ") && task.getMessage().contains("surface:nowhere"), task.getMessage());
        InvalidSettingException form = assertThrows(InvalidSettingException.class, () -> sweep(dir, GRID + "  form: [JOINT, SIDEWAYS]\n"));
        assertTrue(form.getMessage().contains("SIDEWAYS"), form.getMessage());
        InvalidSettingException twice = assertThrows(InvalidSettingException.class, () -> sweep(dir, GRID + "  width: [8, 16]\n"));
        assertEquals("The setting width is given both by the grid's settings and by axis width; give each setting in one place.", twice.getMessage());
        assertEquals(List.of(), listing(dir), "nothing ran: no cell folder was made");
    }

    @Test
    void figuresInLocal2EqualTheSameExperimentsRunOneByOneThroughAFileUri(@TempDir Path dir) throws IOException {
        Sweep sweep = sweep(dir, GRID);
        // Into a file:// URI, so through Hadoop's FileSystem API (SweepStore): the cells read alike given as a bare path.
        SweepResult result = new SweepRunner(spark).run(sweep, "file://" + dir.resolve("out"), List.of());
        assertEquals(2, result.trained());
        SweepResult again = new SweepRunner(spark).run(sweep, dir.resolve("out"), List.of());
        assertEquals(2, again.skipped(), "the cells written through Hadoop are complete for the local store too");
        assertEquals(List.of("depth=2"), result.settings().stream().map(SweepResult.Setting::setting).toList());
        assertEquals(List.of(0L, 1L), result.settings().get(0).report().seeds());
        for (Cell cell : sweep.cells()) {
            DepthReport alone = alone(cell);
            SweepResult.Setting setting = result.settings().stream().filter(s -> s.setting().equals(cell.setting())).findFirst().orElseThrow();
            DepthReport swept = setting.report().runs().stream().filter(r -> r.seed() == cell.seed()).findFirst().orElseThrow();
            assertCurvesEqual(alone.trainers(), swept.trainers(), cell.id());
        }
    }

    @Test
    void aFailingCellIsReportedWhileTheOthersFinishAndARerunSkipsCompleteCells(@TempDir Path dir) throws IOException {
        Sweep sweep = sweep(dir, GRID.replace("  seed: [0, 1]\n", "  lr: [0.003, 1.0e30]\n"));
        Path out = dir.resolve("out");
        SweepResult first = new SweepRunner(spark).run(sweep, out, List.of());
        assertEquals(1, first.trained());
        assertEquals(1, first.failures().size());
        for (CellOutcome f : first.failures()) {
            assertTrue(f.cell().id().endsWith("lr=1.0E30"), f.cell().id());
            assertTrue(f.message().contains("diverged"), f.message());
            assertTrue(Files.notExists(out.resolve(SweepStore.CELLS).resolve(f.cell().id())), "a failed cell leaves no folder");
        }
        first.write(out.resolve(SweepResult.FILE));
        assertTrue(Files.readString(out.resolve(SweepResult.FILE)).contains("diverged"));

        Path kept = out.resolve(SweepStore.CELLS).resolve(sweep.cells().get(0).id());
        long written = Files.getLastModifiedTime(kept.resolve(AtomicDirectories.MARKER)).toMillis();
        SweepResult again = new SweepRunner(spark).run(sweep, out, List.of());
        assertEquals(0, again.trained());
        assertEquals(1, again.skipped());
        assertEquals(1, again.failures().size(), "a failed cell is tried again, and fails again");
        assertEquals(written, Files.getLastModifiedTime(kept.resolve(AtomicDirectories.MARKER)).toMillis(), "a complete cell is not written again");
        assertCurvesEqual(first.settings().get(0).report().runs().get(0).trainers(), again.settings().get(0).report().runs().get(0).trainers(),
                "rerun");
    }

    /** The report of {@code cell}'s experiment run by itself in this JVM with {@link ExperimentRunner}, run once per cell and kept. */
    static synchronized DepthReport alone(Cell cell) {
        return ALONE.computeIfAbsent(cell.settings(), s -> {
            try (ExperimentResult r = new ExperimentRunner(REGISTRIES).run(Sweep.experiment(cell), List.of())) {
                return r.runs().get(0);
            }
        });
    }

    static void assertCurvesEqual(List<DepthCurve> expected, List<DepthCurve> actual, String where) {
        assertEquals(expected.size(), actual.size(), where);
        for (int i = 0; i < expected.size(); i++) {
            assertEquals(expected.get(i).trainer(), actual.get(i).trainer(), where);
            assertArrayEquals(expected.get(i).values(), actual.get(i).values(), where + " " + expected.get(i).trainer());
        }
    }

    private static List<String> listing(Path dir) throws IOException {
        try (var s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).filter(n -> !n.equals("grid.yaml")).toList();
        }
    }
}
