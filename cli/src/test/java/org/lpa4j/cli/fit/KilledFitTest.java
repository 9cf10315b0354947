package org.lpa4j.cli.fit;

import org.lpa4j.cli.Lpa4jCli;
import org.lpa4j.cli.CliRun;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.lpa4j.api.io.AtomicDirectories;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code kill -9} in the middle of {@code fit --overwrite}: the earlier result stays whole and is never mixed with the
 * new run's files, and the next fit into the same folder succeeds and leaves no hidden leftovers (staging folders, lock).
 */
class KilledFitTest {
    private static final String[] FIT = {"fit", "--task", "surface:peaks2d", "--depth", "2", "--width", "8", "--examples", "300",
        "--trainer", "both", "--backend", "tensorflow"};

    @Test
    void aFitKilledWhileWritingLeavesTheEarlierResultWholeAndNothingBehind(@TempDir Path dir) throws Exception {
        Path out = dir.resolve("run");
        CliRun first = CliRun.of(args(out, "--epochs", "1", "--seed", "1"));
        assertEquals(0, first.code(), first.err());
        byte[] report = Files.readAllBytes(out.resolve("report.json"));
        byte[] weights = Files.readAllBytes(out.resolve("lpa").resolve("weights.safetensors"));

        // A long run (E2E still training) killed once its LPA model is in the staging folder.
        List<String> command = new ArrayList<>(List.of(Paths.get(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
                System.getProperty("java.class.path"), Lpa4jCli.class.getName()));
        command.addAll(List.of(args(out, "--epochs", "400", "--seed", "2", "--overwrite")));
        Process fit = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(dir.resolve("fit.log").toFile()).start();
        try {
            long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(3);
            while (stagedLpaModel(dir) == null) {
                assertTrue(fit.isAlive(), "the long fit ended before it could be killed:\n" + Files.readString(dir.resolve("fit.log")));
                assertTrue(System.nanoTime() < deadline, "the long fit staged no LPA model within 3 minutes");
                Thread.sleep(50);
            }
        } finally {
            fit.destroyForcibly(); // SIGKILL on Linux: no shutdown hooks, no finally blocks
            fit.waitFor(1, TimeUnit.MINUTES);
        }

        assertArrayEquals(report, Files.readAllBytes(out.resolve("report.json")), "the earlier report is untouched");
        assertArrayEquals(weights, Files.readAllBytes(out.resolve("lpa").resolve("weights.safetensors")), "the earlier weights are untouched");
        assertEquals(List.of(AtomicDirectories.MARKER, "depth.png", "e2e", "lpa", "report.json"), names(out), "nothing of the killed run is mixed in");

        CliRun again = CliRun.of(args(out, "--epochs", "1", "--seed", "3", "--overwrite"));
        assertEquals(0, again.code(), again.err());
        assertEquals(List.of("fit.log", "run"), names(dir), "the killed run's staging folder and lock are gone");
    }

    private static String[] args(Path out, String... more) {
        List<String> all = new ArrayList<>(List.of(FIT));
        all.addAll(List.of("--out", out.toString()));
        all.addAll(List.of(more));
        return all.toArray(String[]::new);
    }

    /** The LPA model inside a staging folder of {@code dir}, once its manifest (written last) is there. */
    private static Path stagedLpaModel(Path dir) throws Exception {
        try (Stream<Path> siblings = Files.list(dir)) {
            return siblings.filter(p -> p.getFileName().toString().startsWith(".run.partial-"))
                    .map(p -> p.resolve("lpa").resolve("model.json")).filter(Files::isRegularFile).findFirst().orElse(null);
        }
    }

    private static List<String> names(Path dir) throws Exception {
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }
}
