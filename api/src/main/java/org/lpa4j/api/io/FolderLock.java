package org.lpa4j.api.io;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.UUID;

/**
 * The lock of one folder's writers: the file {@code .NAME.lock} beside the folder, locked by the operating system (so
 * it goes with a killed process) and deleted when released. The holder writes a fresh token into the file and checks
 * that the path still holds it, so a waiter that locked a file another holder had just deleted tries again instead
 * of sharing the lock.
 */
final class FolderLock implements AutoCloseable {
    /** How long a waiter sleeps before trying again a lock that another thread of this process holds. */
    private static final long WAIT_MILLIS = 20;
    private final Path file;
    private final FileChannel channel;
    private final FileLock lock;

    private FolderLock(Path file, FileChannel channel, FileLock lock) {
        this.file = file;
        this.channel = channel;
        this.lock = lock;
    }

    /** The lock file of {@code folder}. */
    static Path fileOf(Path folder) {
        return folder.resolveSibling("." + folder.getFileName() + ".lock");
    }

    /** Takes the lock of {@code folder}: at once ({@code wait} false; null when another writer holds it), or waiting for it. */
    static FolderLock take(Path folder, boolean wait) throws IOException {
        Path file = fileOf(folder);
        while (true) {
            FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
            FileLock lock = null;
            try {
                try {
                    lock = wait ? channel.lock() : channel.tryLock();
                } catch (OverlappingFileLockException e) {
                    lock = null; // this process holds it, in another thread
                }
                if (lock == null) {
                    channel.close();
                    if (!wait) {
                        return null;
                    }
                    pause();
                    continue;
                }
                if (holdsPath(file, channel)) {
                    return new FolderLock(file, channel, lock);
                }
            } catch (IOException | RuntimeException e) {
                channel.close();
                throw e;
            }
            lock.release();
            channel.close();
        }
    }

    private static void pause() throws IOException {
        try {
            Thread.sleep(WAIT_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new java.io.InterruptedIOException("interrupted while waiting for a folder's lock");
        }
    }

    /** Writes a fresh token into the locked file and whether the path names that same file (not one created after it was deleted). */
    private static boolean holdsPath(Path file, FileChannel channel) throws IOException {
        byte[] token = UUID.randomUUID().toString().getBytes(StandardCharsets.US_ASCII);
        channel.truncate(0);
        channel.write(ByteBuffer.wrap(token), 0);
        channel.force(false);
        try {
            return java.util.Arrays.equals(token, Files.readAllBytes(file));
        } catch (NoSuchFileException e) {
            return false;
        }
    }

    @Override
    public void close() throws IOException {
        try {
            Files.deleteIfExists(file);
            lock.release();
        } finally {
            channel.close();
        }
    }
}
