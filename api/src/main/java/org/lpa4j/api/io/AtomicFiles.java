package org.lpa4j.api.io;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/**
 * Writes a file through a hidden temporary sibling moved into place, so a reader never sees half a file. Only a
 * regular file is ever replaced: a folder, a link or a special file where the file should go is kept and refused
 * ({@link FolderExistsException}). The file gets
 * the permissions the process's umask gives any new file (not the owner-only ones of {@code Files.createTempFile}).
 */
public final class AtomicFiles {
    /** Writes the content to a stream. */
    public interface Content {
        void writeTo(OutputStream out) throws IOException;
    }

    private AtomicFiles() {
    }

    /** Refuses {@code file} unless a file may be written there: nothing is there, or a regular file (which writing replaces). */
    public static void checkWritable(Path file) throws IOException {
        Occupant occupant = AtomicDirectories.occupant(file);
        if (occupant != Occupant.NOTHING && occupant != Occupant.FILE) {
            throw FolderExistsException.notAFile(file.toAbsolutePath(), occupant);
        }
    }

    /** Writes {@code content} to {@code file}: a temporary sibling is written, then moved over {@code file}. */
    public static void write(Path file, Content content) throws IOException {
        Path target = file.toAbsolutePath();
        Files.createDirectories(target.getParent());
        checkWritable(target);
        Path tmp = AtomicDirectories.siblingName(target, "partial");
        try {
            try (OutputStream out = Files.newOutputStream(tmp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
                content.writeTo(out);
            }
            try {
                Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(tmp);
        }
    }
}
