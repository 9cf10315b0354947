package org.lpa4j.datasets.cache;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Objects;
import org.lpa4j.api.Lpa4jException;

/**
 * The folder that {@code scripts/fetch-data.sh} fills with real data sets; code only reads from it and never fetches.
 * Found from {@code -Dlpa4j.data}, then {@code LPA4J_DATA}, then {@code data-cache/} beside the nearest enclosing
 * folder that holds {@code scripts/fetch-data.sh}.
 */
public final class DataCache {
    /** The system property that names the cache folder. */
    public static final String PROPERTY = "lpa4j.data";
    /** The environment variable that names the cache folder. */
    public static final String ENVIRONMENT = "LPA4J_DATA";

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
        return path;
    }

    /** The folder {@code folder} of data set {@code name}, or an error that says how to fetch the data set. */
    public Path requireFolder(String name, String folder) {
        Path path = dataset(name).resolve(folder);
        if (!Files.isDirectory(path)) {
            throw missing(name, path);
        }
        return path;
    }

    private Lpa4jException missing(String name, Path path) {
        return new Lpa4jException("The " + name + " data set is not in the data cache (" + path + " is missing). Fetch it once with"
                + " `scripts/fetch-data.sh " + name + "` (it checks the archive's sha256; training then runs offline), or point -D"
                + PROPERTY + " / " + ENVIRONMENT + " at a cache that has it.");
    }

    /** An error for a cached file whose content is not what the data set's format promises. */
    public Lpa4jException corrupt(String name, Path path, String what) {
        return new Lpa4jException("The cached " + name + " file " + path + " is corrupt: " + what + ". Delete " + dataset(name)
                + " and fetch it again with `scripts/fetch-data.sh " + name + "`.");
    }
}
