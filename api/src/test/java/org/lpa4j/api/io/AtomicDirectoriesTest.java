package org.lpa4j.api.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AtomicDirectoriesTest {
    @TempDir
    Path dir;

    private List<String> siblings() throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void writtenFolder_appearsWhole_andAnExistingOneIsKeptUnlessReplaced() throws IOException {
        Path target = dir.resolve("out");
        AtomicDirectories.write(target, false, staging -> Files.writeString(staging.resolve("a.txt"), "first"));
        assertEquals("first", Files.readString(target.resolve("a.txt")));
        assertThrows(FolderExistsException.class, () -> AtomicDirectories.write(target, false,
                staging -> Files.writeString(staging.resolve("b.txt"), "second")));
        assertEquals(List.of("a.txt"), List.of(target.toFile().list()));
        AtomicDirectories.write(target, true, staging -> Files.writeString(staging.resolve("b.txt"), "second"));
        assertEquals(List.of("b.txt"), List.of(target.toFile().list()), "replaced as a whole, never mixed");
        assertEquals(List.of("out"), siblings(), "no staging, replaced or lock file is left");
    }

    @Test
    void failedWrite_leavesTheEarlierFolderAndNoLeftovers() throws IOException {
        Path target = dir.resolve("out");
        AtomicDirectories.write(target, false, staging -> Files.writeString(staging.resolve("a.txt"), "first"));
        assertThrows(IOException.class, () -> AtomicDirectories.write(target, true, staging -> {
            Files.writeString(staging.resolve("half.txt"), "half");
            throw new IOException("disk full");
        }));
        assertEquals("first", Files.readString(target.resolve("a.txt")));
        assertEquals(List.of("a.txt"), List.of(target.toFile().list()));
        assertEquals(List.of("out"), siblings());
        assertFalse(AtomicDirectories.isOccupied(dir.resolve("never-written")));
    }

    @Test
    void atomicFile_isReplacedWhole_withTheUmasksPermissions() throws IOException {
        Path file = dir.resolve("report.json");
        AtomicFiles.write(file, out -> out.write("one".getBytes()));
        AtomicFiles.write(file, out -> out.write("two".getBytes()));
        assertEquals("two", Files.readString(file));
        Path probe = Files.createFile(dir.resolve("probe"));
        assertEquals(Files.getPosixFilePermissions(probe), Files.getPosixFilePermissions(file));
        assertEquals(List.of("probe", "report.json"), siblings(), "no temporary file is left");
    }
}
