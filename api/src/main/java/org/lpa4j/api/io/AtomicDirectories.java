package org.lpa4j.api.io;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.lpa4j.api.Lpa4jException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one place where lpa4j writes a folder of results, for every writer (fit outputs, saved models, evaluations,
 * exports, sweeps, checkpoints). A folder is written as a whole: its content goes into a hidden sibling
 * ({@code .NAME.partial-...}), which gets the marker {@value #MARKER} and is renamed into place when complete, so the
 * folder is either absent, what it was before, or complete. Only a free path ({@link Occupant#isFree}) is written
 * without asking; replacing is done only to an lpa4j result (a folder holding the marker) and swaps it as a whole; a
 * file, a link, a special file or a folder of other files is never replaced ({@link FolderExistsException}). While a
 * folder is written, its lock ({@code .NAME.lock} beside it) makes a second writer fail at once
 * ({@link FolderLockedException}). A writer that was killed leaves at most hidden siblings behind: the next writer
 * removes them and puts back an earlier folder a killed replacement had moved aside, and a reader does the same
 * ({@link #restoreInterrupted}). Every file and folder gets the permissions the process's umask gives.
 */
public final class AtomicDirectories {
    /** The file in every folder lpa4j writes as a whole that says it is an lpa4j result, and so may be replaced when asked. */
    public static final String MARKER = ".lpa4j-result";
    /** How many entries of a folder of other files a refusal names. */
    private static final int NAMED_ENTRIES = 3;
    private static final Logger LOG = LoggerFactory.getLogger(AtomicDirectories.class);

    /** Writes a folder's content into the (empty, staging) folder it is given. */
    public interface Content {
        void writeInto(Path staging) throws IOException;
    }

    /** Changes part of a result in place, under its lock. */
    public interface Change {
        void apply() throws IOException;
    }

    private AtomicDirectories() {
    }

    /** Writes {@code content} as the folder {@code target}; with {@code replace}, an earlier lpa4j result there is replaced as a whole. */
    public static void write(Path target, boolean replace, Content content) throws IOException {
        Path folder = absolute(target);
        Files.createDirectories(folder.getParent());
        try (FolderLock lock = FolderLock.take(folder, false)) {
            if (lock == null) {
                throw new FolderLockedException(folder, FolderLock.fileOf(folder));
            }
            writeLocked(folder, replace, content);
        }
    }

    /**
     * Refuses {@code target} unless a folder may be written there: a free path, or with {@code replace} an lpa4j result;
     * for writers that check before long work. Does nothing else.
     */
    public static void checkWritable(Path target, boolean replace) throws IOException {
        Path folder = absolute(target);
        Occupant occupant = occupant(folder);
        if (!occupant.isFree() && !(replace && occupant == Occupant.RESULT)) {
            throw new FolderExistsException(folder, occupant, entries(folder));
        }
    }

    /**
     * Runs {@code change} to the result {@code folder} under its lock, waiting while another writer holds it, so changes
     * in place (a saved model's exit policy) are serialised with each other and with writers of the whole folder.
     */
    public static void changeLocked(Path folder, Change change) throws IOException {
        try (FolderLock lock = FolderLock.take(absolute(folder), true)) {
            change.apply();
        }
    }

    /** What is at {@code target}, links not followed. */
    public static Occupant occupant(Path target) throws IOException {
        if (!Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
            return Occupant.NOTHING;
        }
        if (Files.isSymbolicLink(target)) {
            return Occupant.LINK;
        }
        if (Files.isRegularFile(target, LinkOption.NOFOLLOW_LINKS)) {
            return Occupant.FILE;
        }
        if (!Files.isDirectory(target, LinkOption.NOFOLLOW_LINKS)) {
            return Occupant.SPECIAL_FILE;
        }
        if (Files.isRegularFile(target.resolve(MARKER), LinkOption.NOFOLLOW_LINKS)) {
            return Occupant.RESULT;
        }
        try (Stream<Path> entries = Files.list(target)) {
            return entries.findAny().isPresent() ? Occupant.OTHER_FILES : Occupant.EMPTY_FOLDER;
        }
    }

    /** Whether {@code folder} exists as anything but an empty folder. */
    public static boolean isOccupied(Path folder) throws IOException {
        return !occupant(folder).isFree();
    }

    /** Whether a file of this name is a writer's own (the marker, or a temporary of {@link AtomicFiles}), not part of what was written. */
    public static boolean isWritersOwn(String fileName) {
        return fileName.equals(MARKER) || fileName.startsWith(".") && fileName.contains(".partial-");
    }

    /**
     * For a reader of {@code target} (or of anything inside it): when {@code target} or a folder above it is missing
     * because a replacement that was killed had moved it aside, puts it back and returns the folder restored. Refused
     * with a sentence saying where the result is and how to put it back when it cannot be restored (another writer is
     * at work, or the parent is not writable).
     */
    public static Optional<Path> restoreInterrupted(Path target) {
        Path missing = absolute(target);
        while (missing.getParent() != null && !Files.exists(missing, LinkOption.NOFOLLOW_LINKS)) {
            Optional<Path> aside = movedAside(missing);
            if (aside.isPresent()) {
                restore(missing, aside.get());
                return Optional.of(missing);
            }
            missing = missing.getParent();
        }
        return Optional.empty();
    }

    private static void restore(Path folder, Path aside) {
        try (FolderLock lock = FolderLock.take(folder, false)) {
            if (lock == null) {
                throw new Lpa4jException("The result " + folder + " is being replaced right now (its earlier version is at " + aside
                        + "); wait for the writer to finish and try again.");
            }
            if (!Files.exists(folder, LinkOption.NOFOLLOW_LINKS) && Files.exists(aside, LinkOption.NOFOLLOW_LINKS)) {
                move(aside, folder);
                LOG.warn("A replacement of {} was interrupted after it moved the finished result aside; it is restored from {}.", folder, aside);
            }
        } catch (IOException e) {
            throw new Lpa4jException("The finished result " + folder + " was moved aside to " + aside + " by a replacement that was"
                    + " interrupted, and could not be put back (" + e.getClass().getSimpleName() + ": " + e.getMessage() + "). Put it back"
                    + " with: mv '" + aside + "' '" + folder + "'", e);
        }
    }

    private static Optional<Path> movedAside(Path folder) {
        String prefix = "." + folder.getFileName() + ".replaced-";
        if (!Files.isDirectory(folder.getParent())) {
            return Optional.empty();
        }
        try (Stream<Path> siblings = Files.list(folder.getParent())) {
            return siblings.filter(p -> p.getFileName().toString().startsWith(prefix)).findFirst();
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private static Path absolute(Path target) {
        Path folder = target.toAbsolutePath().normalize();
        if (folder.getParent() == null) {
            throw new IllegalArgumentException("A folder written as a whole needs a parent folder, and " + folder + " has none.");
        }
        return folder;
    }

    private static void writeLocked(Path folder, boolean replace, Content content) throws IOException {
        recoverFromKilledWriter(folder);
        checkWritable(folder, replace);
        Path staging = Files.createDirectory(siblingName(folder, "partial"));
        try {
            content.writeInto(staging);
            Files.writeString(staging.resolve(MARKER), "This folder is an lpa4j result, written as a whole; lpa4j may replace it when"
                    + " asked to.\n", StandardCharsets.UTF_8);
            if (occupant(folder) == Occupant.RESULT) {
                Path old = siblingName(folder, "replaced");
                move(folder, old);
                try {
                    move(staging, folder);
                } catch (IOException | RuntimeException e) {
                    move(old, folder);
                    throw e;
                }
                deleteTree(old);
            } else {
                try {
                    move(staging, folder);
                } catch (FileAlreadyExistsException | DirectoryNotEmptyException e) {
                    throw new FolderExistsException(folder, occupant(folder), entries(folder));
                }
            }
        } finally {
            deleteTree(staging);
        }
    }

    /**
     * Cleans up after a writer that died holding the lock (the lock itself went with its process): its staging folders
     * go, and an earlier folder it had moved aside comes back if the new one never took its place.
     */
    private static void recoverFromKilledWriter(Path folder) throws IOException {
        String prefix = "." + folder.getFileName() + ".";
        List<Path> leftovers;
        try (Stream<Path> siblings = Files.list(folder.getParent())) {
            leftovers = siblings.filter(p -> p.getFileName().toString().startsWith(prefix + "partial-")
                    || p.getFileName().toString().startsWith(prefix + "replaced-")).toList();
        }
        for (Path leftover : leftovers) {
            if (leftover.getFileName().toString().startsWith(prefix + "replaced-") && !Files.exists(folder, LinkOption.NOFOLLOW_LINKS)) {
                move(leftover, folder);
                LOG.warn("A replacement of {} was interrupted after it moved the finished result aside; it is restored from {}.", folder,
                        leftover);
            } else {
                deleteTree(leftover);
            }
        }
    }

    private static List<String> entries(Path folder) throws IOException {
        if (!Files.isDirectory(folder, LinkOption.NOFOLLOW_LINKS)) {
            return List.of();
        }
        try (Stream<Path> entries = Files.list(folder)) {
            List<String> names = entries.map(p -> p.getFileName().toString()).sorted().toList();
            return names.size() <= NAMED_ENTRIES ? names : Stream.concat(names.subList(0, NAMED_ENTRIES).stream(),
                    Stream.of("and " + (names.size() - NAMED_ENTRIES) + " more")).toList();
        }
    }

    /** A fresh, not yet existing hidden sibling name of {@code target}: {@code .NAME.ROLE-RANDOM}. */
    static Path siblingName(Path target, String role) {
        SplittableRandom random = new SplittableRandom();
        Path candidate;
        do {
            candidate = target.resolveSibling("." + target.getFileName() + "." + role + "-" + Long.toHexString(random.nextLong()));
        } while (Files.exists(candidate, LinkOption.NOFOLLOW_LINKS));
        return candidate;
    }

    private static void move(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(from, to);
        }
    }

    /** Deletes {@code root} and everything under it (links themselves, never what they point to); nothing when it does not exist. */
    public static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        List<Path> paths = new ArrayList<>();
        try (Stream<Path> walk = Files.walk(root)) {
            walk.forEach(paths::add);
        }
        paths.sort(Comparator.reverseOrder());
        for (Path p : paths) {
            Files.deleteIfExists(p);
        }
    }
}
