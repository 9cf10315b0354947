package org.lpa4j.api.io;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;

/**
 * Writes a folder as a whole: its content goes into a hidden sibling ({@code .NAME.partial-...}), which is renamed into
 * place when complete, so the folder is either absent, what it was before, or complete. An existing folder with anything
 * in it is kept ({@link FolderExistsException}) unless replacing is asked for, and then it is swapped as a whole. While
 * the content is written, a lock ({@code .NAME.lock} beside it) makes a second writer of the same folder fail at once
 * ({@link FolderLockedException}). Every file and folder gets the permissions the process's umask gives.
 */
public final class AtomicDirectories {
    /** Writes a folder's content into the (empty, staging) folder it is given. */
    public interface Content {
        void writeInto(Path staging) throws IOException;
    }

    private AtomicDirectories() {
    }

    /** Writes {@code content} as the folder {@code target}; with {@code replace}, an existing one is replaced as a whole. */
    public static void write(Path target, boolean replace, Content content) throws IOException {
        Path folder = target.toAbsolutePath().normalize();
        if (folder.getParent() == null) {
            throw new IllegalArgumentException("A folder written as a whole needs a parent folder, and " + folder + " has none.");
        }
        Files.createDirectories(folder.getParent());
        Path lockFile = folder.resolveSibling("." + folder.getFileName() + ".lock");
        try (FileChannel channel = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
            FileLock lock;
            try {
                lock = channel.tryLock();
            } catch (OverlappingFileLockException e) {
                lock = null;
            }
            if (lock == null) {
                throw new FolderLockedException(folder, lockFile);
            }
            try {
                writeLocked(folder, replace, content);
            } finally {
                Files.deleteIfExists(lockFile);
                lock.release();
            }
        }
    }

    private static void writeLocked(Path folder, boolean replace, Content content) throws IOException {
        if (!replace && isOccupied(folder)) {
            throw new FolderExistsException(folder);
        }
        Path staging = Files.createDirectory(siblingName(folder, "partial"));
        try {
            content.writeInto(staging);
            if (replace && isOccupied(folder)) {
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
                    throw new FolderExistsException(folder);
                }
            }
        } finally {
            deleteTree(staging);
        }
    }

    /** Whether {@code folder} exists as anything but an empty folder. */
    public static boolean isOccupied(Path folder) throws IOException {
        if (!Files.exists(folder)) {
            return false;
        }
        if (!Files.isDirectory(folder)) {
            return true;
        }
        try (Stream<Path> entries = Files.list(folder)) {
            return entries.findAny().isPresent();
        }
    }

    /** A fresh, not yet existing hidden sibling name of {@code target}: {@code .NAME.ROLE-RANDOM}. */
    static Path siblingName(Path target, String role) {
        SplittableRandom random = new SplittableRandom();
        Path candidate;
        do {
            candidate = target.resolveSibling("." + target.getFileName() + "." + role + "-" + Long.toHexString(random.nextLong()));
        } while (Files.exists(candidate));
        return candidate;
    }

    private static void move(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(from, to);
        }
    }

    /** Deletes {@code root} and everything under it; nothing when it does not exist. */
    public static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
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
