package org.lpa4j.cli.fit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lpa4j.cli.CliRun;
import org.lpa4j.cli.Lpa4jCli;

/**
 * {@code kill -9} of a fit that writes checkpoints, then {@code fit --resume OUT}: the report's figures and the saved
 * weights are those of the uninterrupted fit, bit for bit; options that contradict the checkpoint are refused naming
 * them, and the checkpoints are gone once the fit has written OUT.
 */
class ResumedFitTest {
    private static final String[] FIT = {"fit", "--task", "surface:peaks2d", "--depth", "2", "--width", "8", "--examples", "300",
        "--epochs", "150", "--trainer", "lpa", "--backend", "tensorflow"};

    @Test
    void aKilledFitResumedFromItsCheckpointEndsAsTheUninterruptedFit(@TempDir Path dir) throws Exception {
        Path whole = dir.resolve("whole");
        CliRun uninterrupted = CliRun.of(args("--out", whole.toString()));
        assertEquals(0, uninterrupted.code(), uninterrupted.err());

        Path out = dir.resolve("run");
        Path checkpoint = dir.resolve("run.checkpoint").resolve("seed-0").resolve("lpa").resolve("checkpoint.json");
        List<String> command = new ArrayList<>(List.of(Paths.get(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
                System.getProperty("java.class.path"), Lpa4jCli.class.getName()));
        command.addAll(List.of(args("--out", out.toString(), "--checkpoint-every", "1")));
        Process fit = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(dir.resolve("fit.log").toFile()).start();
        try {
            long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(3);
            while (epochOf(checkpoint) < 3) {
                assertTrue(fit.isAlive(), "the fit ended before it could be killed:\n" + Files.readString(dir.resolve("fit.log")));
                assertTrue(System.nanoTime() < deadline, "the fit wrote no checkpoint of epoch 3 within 3 minutes");
                Thread.sleep(10);
            }
        } finally {
            fit.destroyForcibly(); // SIGKILL on Linux
            fit.waitFor(1, TimeUnit.MINUTES);
        }
        assertFalse(Files.exists(out), "the killed fit wrote no result");

        CliRun contradicting = CliRun.of(args("--resume", out.toString(), "--lr", "0.01"));
        assertEquals(2, contradicting.code());
        assertTrue(contradicting.err().contains("learningRate is 0.01 here but was 0.003") && contradicting.err().contains("--lr"),
                contradicting.err());

        CliRun resumed = CliRun.of(args("--resume", out.toString(), "--checkpoint-every", "1"));
        assertEquals(0, resumed.code(), resumed.err());
        JsonNode a = new ObjectMapper().readTree(whole.resolve("report.json").toFile());
        JsonNode b = new ObjectMapper().readTree(out.resolve("report.json").toFile());
        assertEquals(a.get("trainers").get(0).get("values"), b.get("trainers").get(0).get("values"), "the test metric at every depth");
        assertEquals(a.get("secondary").get(0).get("values"), b.get("secondary").get(0).get("values"));
        assertEquals(a.get("trainers").get(0).get("epochsRun"), b.get("trainers").get(0).get("epochsRun"));
        assertArrayEquals(Files.readAllBytes(whole.resolve("lpa").resolve("weights.safetensors")),
                Files.readAllBytes(out.resolve("lpa").resolve("weights.safetensors")), "the saved weights");
        assertFalse(Files.exists(dir.resolve("run.checkpoint")), "the checkpoints are removed once the fit has written its result");

        CliRun nothing = CliRun.of(args("--resume", dir.resolve("never").toString()));
        assertEquals(2, nothing.code());
        assertTrue(nothing.err().contains("There are no checkpoints of a run into") && nothing.err().contains("set with --resume"),
                nothing.err());
    }

    private static String[] args(String... more) {
        List<String> all = new ArrayList<>(List.of(FIT));
        all.addAll(List.of(more));
        return all.toArray(String[]::new);
    }

    private static int epochOf(Path checkpoint) {
        try {
            return Files.isRegularFile(checkpoint) ? new ObjectMapper().readTree(checkpoint.toFile()).get("epoch").asInt() : 0;
        } catch (java.io.IOException e) {
            return 0; // being replaced at this moment
        }
    }
}
