package org.lpa4j.onnx;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs ONNX's own checker ({@code onnx.checker.check_model} with {@code full_check}, which runs strict shape inference)
 * on files, through Debian's {@code python3-onnx} (which {@code .ci/run} installs). {@link #unavailable()} says why it
 * cannot run here, for a test to skip with that reason.
 */
final class OnnxChecker {
    private static final String SCRIPT = String.join("\n",
            "import sys, onnx",
            "for path in sys.argv[1:]:",
            "    m = onnx.load(path)",
            "    try:",
            "        onnx.checker.check_model(m, full_check=True)",
            "        inferred = onnx.shape_inference.infer_shapes(m, check_type=True, strict_mode=True)",
            "        print('ok', path, len(inferred.graph.node))",
            "    except Exception as e:",
            "        print('FAIL', path, str(e).replace(chr(10), ' '))");

    private OnnxChecker() {
    }

    /** The Python that has {@code onnx}: Debian's, not a user's pyenv shim. */
    private static String python() {
        for (String candidate : List.of("/usr/bin/python3", "python3")) {
            try {
                Process p = new ProcessBuilder(candidate, "-c", "import onnx").redirectErrorStream(true).start();
                p.getInputStream().readAllBytes();
                if (p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0) {
                    return candidate;
                }
            } catch (IOException e) {
                // Try the next one.
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return null;
            }
        }
        return null;
    }

    /** Why the checker cannot run here, or null when it can. */
    static String unavailable() {
        return python() == null ? "python3 with the onnx package is not installed (on Debian: apt-get install python3-onnx; .ci/run does it)"
                : null;
    }

    /** The checker's verdict on each file: "ok" lines, or "FAIL path reason". */
    static List<String> check(List<Path> files) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of(python(), "-c", SCRIPT));
        files.forEach(f -> cmd.add(f.toString()));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(300, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new AssertionError("onnx.checker did not run to the end: " + out);
        }
        return out.lines().filter(l -> l.startsWith("ok ") || l.startsWith("FAIL ")).toList();
    }

    /** Asserts that every file passes. */
    static void assertValid(List<Path> files) throws IOException, InterruptedException {
        List<Path> onnx = files.stream().filter(f -> f.toString().endsWith(".onnx")).toList();
        List<String> verdicts = check(onnx);
        List<String> failed = verdicts.stream().filter(l -> l.startsWith("FAIL")).toList();
        if (!failed.isEmpty() || verdicts.size() != onnx.size()) {
            throw new AssertionError("onnx.checker refused " + failed.size() + " of " + onnx.size() + " files (" + verdicts.size()
                    + " verdicts):\n" + String.join("\n", failed));
        }
        if (!Files.exists(onnx.get(0))) {
            throw new AssertionError("missing " + onnx.get(0));
        }
    }
}
