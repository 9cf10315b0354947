package org.lpa4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * lpa4j's promise that no engine touches the network, whatever the environment says: a {@code fit} on each backend runs
 * in a child JVM under {@code strace}, inside a network namespace of its own, with {@code DJL_OFFLINE=false} and
 * {@code OPT_OUT_TRACKING=false} set, and must not call {@code connect()} on any internet socket (Unix sockets are local).
 */
class OfflineTest {
    private static final Path STRACE = Paths.get("/usr/bin/strace");
    private static final Path UNSHARE = Paths.get("/usr/bin/unshare");

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"tensorflow", "djl", "nd4j"})
    void aFitOpensNoInternetSocketEvenWhenTheEnvironmentAsksForIt(String backend, @TempDir Path dir) throws Exception {
        assumeTrue(Files.isExecutable(STRACE), "strace is not installed, so connect() calls cannot be traced; .ci/run installs it");
        Path trace = dir.resolve("connect.trace");
        List<String> command = new ArrayList<>();
        if (networkNamespaceAvailable()) {
            command.addAll(List.of(UNSHARE.toString(), "--net"));
        }
        command.addAll(List.of(STRACE.toString(), "-f", "-qq", "-e", "trace=connect", "-o", trace.toString()));
        command.addAll(List.of(Paths.get(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
                System.getProperty("java.class.path"), Lpa4jCli.class.getName(), "fit", "--task", "surface:peaks2d", "--arch", "fnn",
                "--depth", "2", "--width", "8", "--epochs", "1", "--examples", "300", "--trainer", "lpa", "--backend", backend,
                "--out", dir.resolve("run").toString()));
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(dir.resolve("fit.log").toFile());
        pb.environment().put("DJL_OFFLINE", "false");
        pb.environment().put("OPT_OUT_TRACKING", "false");
        pb.environment().put("TF_CPP_MIN_LOG_LEVEL", "2");
        Process p = pb.start();
        boolean finished = p.waitFor(5, TimeUnit.MINUTES);
        if (!finished) {
            p.destroyForcibly();
        }
        String log = Files.readString(dir.resolve("fit.log"), StandardCharsets.UTF_8);
        assertTrue(finished, "the traced fit on " + backend + " did not finish within 5 minutes:\n" + log);
        assertEquals(0, p.exitValue(), "the traced fit on " + backend + " failed:\n" + log);
        List<String> internet;
        try (Stream<String> lines = Files.lines(trace)) {
            internet = lines.filter(l -> l.contains("connect(") && (l.contains("AF_INET") || l.contains("AF_INET6"))).toList();
        }
        assertTrue(internet.isEmpty(), "a fit on " + backend + " tried to reach the network:\n" + String.join("\n", internet));
    }

    /** Whether {@code unshare --net} works here (it needs root or user namespaces); without it strace alone still sees every attempt. */
    private static boolean networkNamespaceAvailable() {
        if (!Files.isExecutable(UNSHARE)) {
            return false;
        }
        try {
            Process p = new ProcessBuilder(UNSHARE.toString(), "--net", "true").redirectErrorStream(true).start();
            return p.waitFor(10, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
