package org.lpa4j.datasets.cache;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardCopyOption;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lpa4j.api.Lpa4jException;
import org.lpa4j.datasets.images.ImageDataSet;
import org.lpa4j.datasets.text.MobyDick;

/**
 * The cache is checked file by file against each data set's manifest: damage is reported with how to repair it, the
 * fetch script repairs it from the checked archive, and fetching without a reachable registry fails at once with a
 * sentence. Uses the real digits and moby data sets that the build fetches.
 */
class DataCacheTest {
    private static final Path REAL = DataCache.locate().root();

    @Test
    void aTruncatedTextIsRefusedWithHowToRepairIt(@TempDir Path root) throws IOException {
        Path moby = copy("moby", root);
        Path text = moby.resolve("data.txt");
        Files.write(text, Arrays.copyOf(Files.readAllBytes(text), (int) Files.size(text) / 2));
        Lpa4jException e = assertThrows(Lpa4jException.class, () -> MobyDick.load(new DataCache(root), 32, 0, 0));
        assertTrue(e.getMessage().contains("is corrupt: its sha256 is") && e.getMessage().contains("scripts/fetch-data.sh moby"), e.getMessage());
    }

    @Test
    void oneChangedByteOfTheDigitsIsRefused(@TempDir Path root) throws IOException {
        Path digits = copy("digits", root).resolve("digits.csv.gz");
        byte[] bytes = Files.readAllBytes(digits);
        bytes[bytes.length / 2] ^= 1;
        Files.write(digits, bytes);
        Lpa4jException e = assertThrows(Lpa4jException.class, () -> ImageDataSet.DIGITS.load(new DataCache(root), 0, 0));
        assertTrue(e.getMessage().contains("digits") && e.getMessage().contains("sha256"), e.getMessage());
    }

    @Test
    void aFileVerifiedEarlierInThisProcess_isCheckedAgainOnceItChanges(@TempDir Path root) throws IOException {
        Path text = copy("moby", root).resolve("data.txt");
        MobyDick.load(new DataCache(root), 32, 0, 0);
        byte[] bytes = Files.readAllBytes(text);
        int at = bytes.length / 2;
        bytes[at] = (byte) (bytes[at] == 'e' ? 'a' : 'e');
        java.nio.file.attribute.FileTime before = Files.getLastModifiedTime(text);
        Files.write(text, bytes);
        Files.setLastModifiedTime(text, java.nio.file.attribute.FileTime.fromMillis(before.toMillis() + 2000));
        Lpa4jException e = assertThrows(Lpa4jException.class, () -> MobyDick.load(new DataCache(root), 32, 0, 0),
                "one changed letter, same size: still text, so only the hash can tell");
        assertTrue(e.getMessage().contains("sha256"), e.getMessage());
    }

    @Test
    void aCacheWithoutManifestOrWithAnUnlistedFileIsRefused(@TempDir Path root) throws IOException {
        Path moby = copy("moby", root);
        Files.delete(moby.resolve(DataCache.MANIFEST));
        Lpa4jException none = assertThrows(Lpa4jException.class, () -> MobyDick.load(new DataCache(root), 32, 0, 0));
        assertTrue(none.getMessage().contains("no manifest of file hashes"), none.getMessage());
        Files.writeString(moby.resolve(DataCache.MANIFEST), "");
        Lpa4jException unlisted = assertThrows(Lpa4jException.class, () -> MobyDick.load(new DataCache(root), 32, 0, 0));
        assertTrue(unlisted.getMessage().contains("does not list it"), unlisted.getMessage());
    }

    @Test
    void theFetchScriptFindsAndRepairsDamage(@TempDir Path root) throws Exception {
        assumeTrue(Files.isExecutable(Paths.get("/usr/bin/sha256sum")), "the fetch script needs coreutils' sha256sum");
        Path moby = copy("moby", root);
        Files.createDirectories(root.resolve("archives"));
        try (Stream<Path> archives = Files.list(REAL.resolve("archives"))) {
            for (Path a : archives.filter(a -> a.getFileName().toString().contains("moby")).toList()) {
                Files.copy(a, root.resolve("archives").resolve(a.getFileName()));
            }
        }
        Path text = moby.resolve("data.txt");
        byte[] original = Files.readAllBytes(text);
        Files.write(text, new byte[] {1, 2, 3});
        Run run = fetch(root, Map.of(), false, "moby");
        assertEquals(0, run.code, run.output);
        assertTrue(run.output.contains("moby is damaged"), run.output);
        assertArrayEquals(original, Files.readAllBytes(text));
        assertEquals(MobyDick.load(DataCache.locate(), 32, 0, 0).splits().train().size(), MobyDick.load(new DataCache(root), 32, 0, 0).splits().train().size());
    }

    @Test
    void fetchingWithoutANetworkFailsAtOnceWithASentence(@TempDir Path root) throws Exception {
        assumeTrue(networkNamespaceAvailable(), "unshare --net is not available here (it needs root or user namespaces)");
        Run run = fetch(root, Map.of("npm_config_cache", root.resolve("npm-cache").toString()), true, "moby");
        assertNotEquals(0, run.code, run.output);
        assertTrue(run.output.contains("could not be reached"), run.output);
        assertTrue(Files.notExists(root.resolve("moby")), "nothing may be unpacked when the fetch failed");
    }

    private record Run(int code, String output) {
    }

    private static Run fetch(Path cache, Map<String, String> env, boolean offline, String dataset) throws Exception {
        Path script = script();
        ProcessBuilder pb = offline ? new ProcessBuilder("unshare", "--net", script.toString(), dataset) : new ProcessBuilder(script.toString(), dataset);
        pb.environment().put(DataCache.ENVIRONMENT, cache.toString());
        pb.environment().putAll(env);
        Path log = cache.resolve("fetch.log");
        Process p = pb.redirectErrorStream(true).redirectOutput(log.toFile()).start();
        // A guard against a hang, far above the script's own timeouts; not a speed check.
        boolean done = p.waitFor(3, TimeUnit.MINUTES);
        if (!done) {
            p.destroyForcibly();
        }
        String output = Files.readString(log, StandardCharsets.UTF_8);
        assertTrue(done, "fetch-data.sh did not finish within 3 minutes:\n" + output);
        return new Run(p.exitValue(), output);
    }

    private static Path script() {
        for (Path dir = Paths.get("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path script = dir.resolve("scripts").resolve("fetch-data.sh");
            if (Files.isRegularFile(script)) {
                return script;
            }
        }
        throw new IllegalStateException("scripts/fetch-data.sh not found above " + Paths.get("").toAbsolutePath());
    }

    /** A copy of the real, fetched data set {@code name} (with its manifest) inside {@code root}. */
    private static Path copy(String name, Path root) throws IOException {
        Path from = REAL.resolve(name);
        assertTrue(Files.isRegularFile(from.resolve(DataCache.MANIFEST)),
                "the " + name + " data set is not fetched into " + REAL + "; run scripts/fetch-data.sh " + name);
        Path to = root.resolve(name);
        try (Stream<Path> files = Files.walk(from)) {
            for (Path f : files.toList()) {
                Files.copy(f, to.resolve(from.relativize(f).toString()), StandardCopyOption.COPY_ATTRIBUTES);
            }
        }
        return to;
    }

    private static boolean networkNamespaceAvailable() {
        try {
            Process p = new ProcessBuilder("unshare", "--net", "true").redirectErrorStream(true).start();
            return p.waitFor(10, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
