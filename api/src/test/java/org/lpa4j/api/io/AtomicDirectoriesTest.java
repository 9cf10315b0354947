package org.lpa4j.api.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
        assertEquals(List.of(AtomicDirectories.MARKER, "a.txt"), names(target));
        AtomicDirectories.write(target, true, staging -> Files.writeString(staging.resolve("b.txt"), "second"));
        assertEquals(List.of(AtomicDirectories.MARKER, "b.txt"), names(target), "replaced as a whole, never mixed");
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
        assertEquals(List.of(AtomicDirectories.MARKER, "a.txt"), names(target));
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

    private static String refusal(Path target, boolean replace) {
        return assertThrows(FolderExistsException.class, () -> AtomicDirectories.write(target, replace,
                staging -> Files.writeString(staging.resolve("new.txt"), "new"))).getMessage();
    }

    private static void assertMentions(String message, String... parts) {
        for (String p : parts) {
            assertTrue(message.contains(p), "'" + p + "' in: " + message);
        }
    }

    @Test
    void replacing_touchesOnlyAnLpa4jResult_andRefusesFilesLinksSpecialFilesAndFoldersOfOtherFiles() throws Exception {
        Path file = Files.writeString(dir.resolve("notes.txt"), "mine");
        assertMentions(refusal(file, true), file + " is a file, not a folder of results", "kept");
        assertMentions(refusal(file, false), "is a file");
        assertFalse(refusal(file, false).contains("already holds results"), "a file is a file, not results");
        assertEquals("mine", Files.readString(file));

        Path home = Files.createDirectories(dir.resolve("home/src"));
        Files.writeString(home.resolve("main.c"), "int main;");
        Files.writeString(home.resolveSibling("notes.txt"), "mine");
        assertMentions(refusal(home.getParent(), true), "not an lpa4j result (notes.txt, src)", AtomicDirectories.MARKER);
        assertEquals("int main;", Files.readString(home.resolve("main.c")));

        Path fifo = dir.resolve("fifo");
        assertEquals(0, new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor());
        assertMentions(refusal(fifo, true), "is a device or other special file");
        assertTrue(Files.exists(fifo));

        Path link = Files.createSymbolicLink(dir.resolve("link"), home.getParent());
        assertMentions(refusal(link, true), "is a symbolic link");
        assertTrue(Files.isSymbolicLink(link));
        assertEquals("int main;", Files.readString(home.resolve("main.c")));

        Path result = dir.resolve("run");
        AtomicDirectories.write(result, false, staging -> Files.writeString(staging.resolve("old.txt"), "old"));
        assertEquals(Occupant.RESULT, AtomicDirectories.occupant(result));
        assertMentions(refusal(result, false), "already holds results");
        AtomicDirectories.write(result, true, staging -> Files.writeString(staging.resolve("new.txt"), "new"));
        assertEquals(List.of(AtomicDirectories.MARKER, "new.txt"), names(result));

        AtomicFiles.write(dir.resolve("report.json"), out -> out.write('1'));
        assertMentions(assertThrows(FolderExistsException.class, () -> AtomicFiles.write(result, out -> out.write('1'))).getMessage(),
                "is lpa4j results, not a file", "never replaced");
        assertEquals(List.of(AtomicDirectories.MARKER, "new.txt"), names(result));
    }

    private static List<String> names(Path folder) throws IOException {
        try (Stream<Path> s = Files.list(folder)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void content_isWrittenIntoAHiddenSibling_neverStraightIntoTheTarget() throws IOException {
        Path target = dir.resolve("out");
        AtomicDirectories.write(target, false, staging -> {
            assertFalse(Files.exists(target), "nothing appears at the target before the content is complete");
            assertEquals(target.getParent(), staging.getParent());
            assertTrue(staging.getFileName().toString().startsWith(".out.partial-"), staging.toString());
            Files.writeString(staging.resolve("a.txt"), "first");
        });
        AtomicDirectories.write(target, true, staging -> {
            assertEquals("first", Files.readString(target.resolve("a.txt")), "the earlier result stays whole while the new one is written");
            Files.writeString(staging.resolve("a.txt"), "second");
        });
        assertEquals("second", Files.readString(target.resolve("a.txt")));
    }

    /** What a replacement killed between moving the finished result aside and moving the new one in leaves behind. */
    private Path interruptedReplacement() throws IOException {
        Path run = dir.resolve("run");
        AtomicDirectories.write(run, false, staging -> {
            Files.createDirectories(staging.resolve("lpa"));
            Files.writeString(staging.resolve("lpa/model.json"), "finished");
        });
        Files.move(run, dir.resolve(".run.replaced-1f"));
        Files.createDirectory(dir.resolve(".run.partial-2e"));
        return run;
    }

    @Test
    void interruptedReplacement_isRestoredByAReaderOfAnythingInside_notDeleted() throws IOException {
        Path run = interruptedReplacement();
        assertEquals(java.util.Optional.of(run), AtomicDirectories.restoreInterrupted(run.resolve("lpa")));
        assertEquals("finished", Files.readString(run.resolve("lpa/model.json")));
        assertEquals(java.util.Optional.empty(), AtomicDirectories.restoreInterrupted(run.resolve("lpa")), "nothing left to restore");
        assertEquals(java.util.Optional.empty(), AtomicDirectories.restoreInterrupted(dir.resolve("never/written")));
    }

    @Test
    void interruptedReplacement_isRestoredByTheNextWriter_beforeItDecides() throws IOException {
        Path run = interruptedReplacement();
        assertMentions(refusal(run, false), "already holds results");
        assertEquals("finished", Files.readString(run.resolve("lpa/model.json")));
        assertEquals(List.of("run"), siblings(), "the killed writer's staging folder is gone, the finished result back");
    }

    @Test
    void interruptedReplacement_thatCannotBeRestored_saysWhereItIsAndHowToPutItBack() throws IOException {
        Path run = interruptedReplacement();
        try (FolderLock held = FolderLock.take(run.toAbsolutePath(), false)) {
            assertMentions(assertThrows(org.lpa4j.api.Lpa4jException.class, () -> AtomicDirectories.restoreInterrupted(run.resolve("lpa")))
                    .getMessage(), "being replaced right now", ".run.replaced-1f", "try again");
        }
        assertFalse(Files.exists(run));
        assertTrue(Files.exists(dir.resolve(".run.replaced-1f/lpa/model.json")), "never deleted");
    }

    @Test
    void changesInPlace_areSerialisedUnderTheFoldersLock_andAWholeWriterMeanwhileIsRefused() throws Exception {
        Path run = dir.resolve("run");
        AtomicDirectories.write(run, false, staging -> Files.writeString(staging.resolve("n.txt"), "0"));
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(4);
        try {
            List<java.util.concurrent.Future<?>> done = new java.util.ArrayList<>();
            for (int t = 0; t < 4; t++) {
                done.add(pool.submit(() -> {
                    for (int i = 0; i < 10; i++) {
                        AtomicDirectories.changeLocked(run, () -> {
                            int n = Integer.parseInt(Files.readString(run.resolve("n.txt")));
                            try {
                                Thread.sleep(1);
                            } catch (InterruptedException e) {
                                Thread.currentThread().interrupt();
                            }
                            AtomicFiles.write(run.resolve("n.txt"), out -> out.write(String.valueOf(n + 1).getBytes()));
                        });
                    }
                    return null;
                }));
            }
            for (java.util.concurrent.Future<?> f : done) {
                f.get();
            }
        } finally {
            pool.shutdown();
        }
        assertEquals("40", Files.readString(run.resolve("n.txt")), "no change is lost to another");
        AtomicDirectories.changeLocked(run, () -> assertThrows(FolderLockedException.class,
                () -> AtomicDirectories.write(run, true, staging -> { })));
        assertEquals(List.of("run"), siblings(), "no lock file is left");
    }
}
