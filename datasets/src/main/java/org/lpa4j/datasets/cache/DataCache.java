package org.lpa4j.datasets.cache;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import org.lpa4j.api.Lpa4jException;

/**
 * The folder that {@code scripts/fetch-data.sh} fills with real data sets; code only reads from it and never fetches.
 * Found from {@code -Dlpa4j.data}, then {@code LPA4J_DATA}, then {@code data-cache/} beside the nearest enclosing
 * folder that holds {@code scripts/fetch-data.sh}. Every file handed out is first checked against the data set's
 * manifest ({@value #MANIFEST}: the sha256 of every file, written by the fetch script from the checked archive), so a
 * damaged cache is an error that says how to repair it, never a silent training on damaged data.
 */
public final class DataCache {
    /** The system property that names the cache folder. */
    public static final String PROPERTY = "lpa4j.data";
    /** The environment variable that names the cache folder. */
    public static final String ENVIRONMENT = "LPA4J_DATA";
    /** The manifest in each data set's folder: lines of {@code sha256  ./relative/path}, as {@code sha256sum} writes them. */
    public static final String MANIFEST = ".sha256";
    /** Files already found intact in this process, by path, with the size and modification time they had then. */
    private static final Map<Path, String> VERIFIED = new ConcurrentHashMap<>();

    private final Path root;

    public DataCache(Path root) {
        this.root = Objects.requireNonNull(root, "root is null").toAbsolutePath().normalize();
    }

    /** The cache the current process is configured to use. */
    public static DataCache locate() {
        String property = System.getProperty(PROPERTY);
        if (property != null && !property.isBlank()) {
            return new DataCache(Paths.get(property));
        }
        String env = System.getenv(ENVIRONMENT);
        if (env != null && !env.isBlank()) {
            return new DataCache(Paths.get(env));
        }
        for (Path dir = Paths.get("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve("scripts").resolve("fetch-data.sh"))) {
                return new DataCache(dir.resolve("data-cache"));
            }
        }
        return new DataCache(Paths.get("data-cache"));
    }

    /** The cache folder. */
    public Path root() {
        return root;
    }

    /** The folder of data set {@code name}. */
    public Path dataset(String name) {
        return root.resolve(name);
    }

    /** Whether every named file of data set {@code name} is present. */
    public boolean has(String name, String... files) {
        for (String f : files) {
            if (!Files.isRegularFile(dataset(name).resolve(f))) {
                return false;
            }
        }
        return files.length > 0 || Files.isDirectory(dataset(name));
    }

    /** The file {@code file} of data set {@code name}, or an error that says how to fetch the data set. */
    public Path require(String name, String file) {
        Path path = dataset(name).resolve(file);
        if (!Files.isRegularFile(path)) {
            throw missing(name, path);
        }
        verify(name, List.of(path));
        return path;
    }

    /** The folder {@code folder} of data set {@code name}, or an error that says how to fetch the data set. */
    public Path requireFolder(String name, String folder) {
        Path path = dataset(name).resolve(folder);
        if (!Files.isDirectory(path)) {
            throw missing(name, path);
        }
        try (var files = Files.walk(path)) {
            verify(name, files.filter(Files::isRegularFile).toList());
        } catch (IOException e) {
            throw corrupt(name, path, "it cannot be listed (" + e.getMessage() + ")");
        }
        return path;
    }

    /** Checks every file against the data set's manifest; a file already verified unchanged in this process is not hashed again. */
    private void verify(String name, List<Path> files) {
        Map<String, String> manifest = null;
        for (Path file : files) {
            String stamp = stamp(file);
            if (stamp.equals(VERIFIED.get(file))) {
                continue;
            }
            if (manifest == null) {
                manifest = manifest(name);
            }
            String key = "./" + dataset(name).relativize(file).toString().replace('\\', '/');
            String expected = manifest.get(key);
            if (expected == null) {
                throw corrupt(name, file, "the data set's manifest does not list it");
            }
            String actual = sha256(name, file);
            if (!expected.equals(actual)) {
                throw corrupt(name, file, "its sha256 is " + actual + " but the data set's manifest says " + expected);
            }
            VERIFIED.put(file, stamp);
        }
    }

    private Map<String, String> manifest(String name) {
        Path path = dataset(name).resolve(MANIFEST);
        if (!Files.isRegularFile(path)) {
            throw new Lpa4jException("The cached " + name + " data set has no manifest of file hashes (" + path + "), so lpa4j cannot tell"
                    + " whether it is intact. Run `scripts/fetch-data.sh " + name + "` once: it checks the archive and writes the manifest.");
        }
        Map<String, String> entries = new HashMap<>();
        try {
            for (String line : Files.readAllLines(path)) {
                int gap = line.indexOf("  ");
                if (gap == 64) {
                    entries.put(line.substring(gap + 2), line.substring(0, gap));
                }
            }
        } catch (IOException e) {
            throw corrupt(name, path, "it cannot be read (" + e.getMessage() + ")");
        }
        return entries;
    }

    private String sha256(String name, Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            byte[] buffer = new byte[1 << 16];
            for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                digest.update(buffer, 0, n);
            }
            return HexFormat.of().formatHex(digest.digest());
        } catch (IOException e) {
            throw corrupt(name, file, "it cannot be read (" + e.getMessage() + ")");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every Java runtime has SHA-256", e);
        }
    }

    private static String stamp(Path file) {
        try {
            return Files.size(file) + "@" + Files.getLastModifiedTime(file).toMillis();
        } catch (IOException e) {
            return "unreadable";
        }
    }

    private Lpa4jException missing(String name, Path path) {
        return new Lpa4jException("The " + name + " data set is not in the data cache (" + path + " is missing). Fetch it once with"
                + " `scripts/fetch-data.sh " + name + "` (it checks the archive's sha256; training then runs offline), or point -D"
                + PROPERTY + " / " + ENVIRONMENT + " at a cache that has it.");
    }

    /** An error for a cached file whose content is not what the data set's format promises. */
    public Lpa4jException corrupt(String name, Path path, String what) {
        return new Lpa4jException("The cached " + name + " file " + path + " is corrupt: " + what + ". Run `scripts/fetch-data.sh " + name
                + "`: it finds the damage and unpacks the checked archive again.");
    }
}
