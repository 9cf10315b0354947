package org.lpa4j.sweep.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lpa4j.cli.Lpa4jCli;
import org.lpa4j.sweep.SweepResult;

/** {@code lpa4j sweep} as the CLI finds it: a refused grid is one sentence, a run prints and writes its tables. */
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
}
