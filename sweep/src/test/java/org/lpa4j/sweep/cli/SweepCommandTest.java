package org.lpa4j.sweep.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lpa4j.api.io.AtomicDirectories;
import org.lpa4j.cli.Lpa4jCli;
import org.lpa4j.sweep.SweepResult;

/**
 * {@code lpa4j sweep} as the CLI finds it: a refused grid is one sentence, a run prints and writes its tables, and a
 * sweep process killed with a cell half-written is finished by running it again, each cell once.
 */
class SweepCommandTest {
    private static final String GRID = """
            settings: {task: surface:peaks2d, width: 8, epochs: 2, examples: 200, trainer: lpa, backend: tensorflow}
            axes:
              depth: [2]
              seed: [0]
            """;

    record Run(int code, String out, String err) {
    }

    static Run sweep(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        String[] all = new String[args.length + 1];
        all[0] = "sweep";
        System.arraycopy(args, 0, all, 1, args.length);
        int code = Lpa4jCli.execute(new PrintWriter(out, true), new PrintWriter(err, true), all);
        return new Run(code, out.toString(), err.toString());
    }

    @Test
    void aGridWithAnUnknownSettingIsRefusedInOneSentence(@TempDir Path dir) throws IOException {
        Path grid = Files.writeString(dir.resolve("grid.yaml"), GRID.replace("width: 8", "widht: 8"));
        Run run = sweep("--grid", grid.toString(), "--out", dir.resolve("out").toString());
        assertEquals(2, run.code());
        assertTrue(run.err().startsWith("error: The grid names an unknown setting 'widht' in its settings; the settings are task, arch, depth,"), run.err());
        assertTrue(Files.notExists(dir.resolve("out")));
    }

    @Test
    void aSweepPrintsItsTableAndWritesItsReport(@TempDir Path dir) throws IOException {
        Path grid = Files.writeString(dir.resolve("grid.yaml"), GRID);
        Path out = dir.resolve("out");
        Run run = sweep("--grid", grid.toString(), "--out", out.toString(), "--threads", "1");
        assertEquals(0, run.code(), run.err());
        assertTrue(run.out().contains("on embedded Spark local[1]: 1 cell(s) at a time"), run.out());
        assertTrue(run.out().contains("== depth=2 (surface:peaks2d, fnn depth 2 width 8, 2 epochs, tensorflow; 1 of 1 cells complete) =="), run.out());
        assertTrue(run.out().contains("Cells: 1 trained, 0 complete from an earlier run, 0 failed, of 1"), run.out());
        assertTrue(Files.readString(out.resolve(SweepResult.FILE)).contains("\"trainer\" : \"lpa\""));
        assertTrue(Files.isRegularFile(out.resolve("plots").resolve("depth=2.png")));
        assertTrue(Files.isRegularFile(out.resolve("cells").resolve("depth=2,seed=0").resolve("report.json")));
    }

    @Test
    void aSweepKilledWithACellHalfWrittenIsFinishedByARerunEachCellOnce(@TempDir Path dir) throws Exception {
        // Two cells one after the other: a quick one that completes, then a slow one killed while it trains into its staging folder.
        Path grid = Files.writeString(dir.resolve("grid.yaml"), GRID.replace("trainer: lpa", "trainer: 'lpa,e2e'").replace("epochs: 2, ", "")
                .replace("  depth: [2]\n", "  run: {quick: {epochs: 1, depth: 2}, slow: {epochs: 20, depth: 2}}\n"));
        Path out = dir.resolve("out");
        Path cells = out.resolve("cells");
        String[] args = {"sweep", "--grid", grid.toString(), "--out", out.toString(), "--master", "local[1]"};
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        // The test JVM's own options: Spark's module options and the engines' thread setting, as ./lpa4j passes them.
        ManagementFactory.getRuntimeMXBean().getInputArguments().stream().filter(a -> a.startsWith("--add-opens") || a.startsWith("-D")
                || a.startsWith("-Xmx")).forEach(command::add);
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), Lpa4jCli.class.getName()));
        command.addAll(List.of(args));
        Process sweep = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(dir.resolve("sweep.log").toFile()).start();
        Path quick = cells.resolve("run=quick,seed=0");
        try {
            long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(3);
            while (!(Files.isRegularFile(quick.resolve(AtomicDirectories.MARKER)) && staged(cells, "run=slow,seed=0"))) {
                assertTrue(sweep.isAlive(), "the sweep ended before it could be killed:\n" + Files.readString(dir.resolve("sweep.log")));
                assertTrue(System.nanoTime() < deadline, "the sweep did not complete its quick cell while staging its slow one within 3 minutes");
                Thread.sleep(20);
            }
        } finally {
            sweep.destroyForcibly(); // SIGKILL on Linux: no shutdown hooks, no finally blocks
            sweep.waitFor(1, TimeUnit.MINUTES);
        }
        assertTrue(Files.notExists(cells.resolve("run=slow,seed=0")), "the half-written cell is not in place");
        long written = Files.getLastModifiedTime(quick.resolve(AtomicDirectories.MARKER)).toMillis();

        Run again = sweep(Arrays.copyOfRange(args, 1, args.length));
        assertEquals(0, again.code(), again.err());
        assertTrue(again.out().contains("Cells: 1 trained, 1 complete from an earlier run, 0 failed, of 2"), again.out());
        assertEquals(List.of("run=quick,seed=0", "run=slow,seed=0"), names(cells), "each cell once, no staging folder or lock left");
        assertEquals(written, Files.getLastModifiedTime(quick.resolve(AtomicDirectories.MARKER)).toMillis(), "the complete cell is not written again");
        JsonNode json = new ObjectMapper().readTree(out.resolve(SweepResult.FILE).toFile());
        assertEquals(2, json.get("settings").size());
        for (JsonNode setting : json.get("settings")) {
            assertEquals(1, setting.get("report").get("runs").size(), "each setting holds its one seed once: " + setting.get("setting"));
        }
    }

    /** Whether a staging folder of cell {@code id} is there (the cell is being trained and written). */
    private static boolean staged(Path cells, String id) throws IOException {
        if (!Files.isDirectory(cells)) {
            return false;
        }
        try (Stream<Path> siblings = Files.list(cells)) {
            return siblings.anyMatch(p -> p.getFileName().toString().startsWith("." + id + ".partial-"));
        }
    }

    private static List<String> names(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }
}
