package org.lpa4j.datasets.cache;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;

/** Test fixture: writes a data set folder's manifest as {@code scripts/fetch-data.sh} does, for caches a test builds by hand. */
public final class Manifests {
    private Manifests() {
    }

    /** Writes {@code dir/.sha256} listing every other file under {@code dir}, sorted by path. */
    public static void seal(Path dir) {
        try (Stream<Path> files = Files.walk(dir)) {
            List<String> lines = new ArrayList<>();
            for (Path f : files.filter(Files::isRegularFile).filter(f -> !f.getFileName().toString().equals(DataCache.MANIFEST)).sorted().toList()) {
                lines.add(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(f))) + "  ./"
                        + dir.relativize(f).toString().replace('\\', '/'));
            }
            Files.write(dir.resolve(DataCache.MANIFEST), lines);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
