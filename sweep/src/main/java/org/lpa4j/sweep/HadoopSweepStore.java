package org.lpa4j.sweep;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.List;
import java.util.SplittableRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileAlreadyExistsException;
import org.apache.hadoop.fs.FileContext;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocalFileSystem;
import org.apache.hadoop.fs.Options;
import org.apache.hadoop.fs.Path;
import org.lpa4j.api.Lpa4jException;
import org.lpa4j.api.io.AtomicDirectories;
import org.lpa4j.api.io.AtomicFiles;
import org.lpa4j.experiments.ExperimentOutput;

/**
 * A sweep's output on a Hadoop file system ({@code hdfs://}, {@code file://}, {@code s3a://}, ...): a cell is trained
 * into a local temporary folder, copied into a hidden staging folder beside its place ({@code cells/.ID.partial-...}),
 * the marker written last with the size of every file, and the staging folder renamed into place with Hadoop's
 * rename that fails when the target exists. That rename is atomic on HDFS and on a local file system, so a cell is
 * complete or absent there; on object stores (S3A, GCS) a folder's rename copies object by object, and the marker's
 * list of files is what makes a cut-short copy show as incomplete (refused with a sentence) rather than complete.
 * {@code file://} is written without Hadoop's {@code .crc} side files, so it reads as the same path given bare does.
 */
final class HadoopSweepStore implements SweepStore {
    /** A marker line: the size of a file of the cell and its path relative to the cell. */
    private static final Pattern LISTED = Pattern.compile("^(\\d+)\t(.+)$", Pattern.MULTILINE);
    private final Path root;
    private final FileSystem fs;
    private final FileContext fc;

    HadoopSweepStore(String out, Configuration hadoop) {
        try {
            Configuration conf = new Configuration(hadoop);
            // file:// without checksum side files, for FileContext's renames too (FileSystem's raw one is taken below).
            conf.set("fs.AbstractFileSystem.file.impl", "org.apache.hadoop.fs.local.RawLocalFs");
            Path given = new Path(out);
            FileSystem found = given.getFileSystem(conf);
            this.fs = found instanceof LocalFileSystem local ? local.getRawFileSystem() : found;
            this.root = fs.makeQualified(given);
            this.fc = FileContext.getFileContext(root.toUri(), conf);
        } catch (IOException | RuntimeException e) {
            throw new Lpa4jException("The sweep's output " + out + " is not a file system this process can open (" + e.getClass().getSimpleName() + ": "
                    + e.getMessage() + "); give a path of this machine, or a Hadoop URI whose file system is on the classpath and configured.", e);
        }
    }

    @Override
    public String location() {
        return root.toString();
    }

    private Path folder(String id) {
        return new Path(new Path(root, CELLS), id);
    }

    @Override
    public String completeReport(String id) throws IOException {
        Path dir = folder(id);
        if (!isComplete(dir)) {
            return null;
        }
        try (InputStream in = fs.open(new Path(dir, ExperimentOutput.REPORT_FILE))) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    /** Whether {@code dir} holds the marker and every file it lists, at the size it lists. */
    private boolean isComplete(Path dir) throws IOException {
        Path marker = new Path(dir, AtomicDirectories.MARKER);
        if (!fs.exists(marker)) {
            return false;
        }
        String listing;
        try (InputStream in = fs.open(marker)) {
            listing = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        Matcher m = LISTED.matcher(listing);
        boolean any = false;
        while (m.find()) {
            Path file = new Path(dir, m.group(2));
            if (!fs.exists(file) || fs.getFileStatus(file).getLen() != Long.parseLong(m.group(1))) {
                return false;
            }
            any = any || m.group(2).equals(ExperimentOutput.REPORT_FILE);
        }
        return any;
    }

    @Override
    public boolean writeCell(String id, CellWriter writer) throws IOException {
        Path target = folder(id);
        if (fs.exists(target)) {
            if (isComplete(target)) {
                return false;
            }
            throw incomplete(target);
        }
        java.nio.file.Path local = Files.createTempDirectory("lpa4j-cell-");
        Path staging = sibling(target, "partial");
        try {
            java.nio.file.Path written = local.resolve(id);
            writer.writeTo(written);
            upload(written, staging);
            try {
                fc.rename(staging, target, Options.Rename.NONE);
            } catch (FileAlreadyExistsException e) {
                if (isComplete(target)) {
                    return false;   // another attempt renamed its complete copy into place first; it stands
                }
                throw incomplete(target);
            }
            return true;
        } finally {
            fs.delete(staging, true);
            AtomicDirectories.deleteTree(local);
        }
    }

    /** Copies the complete local result {@code from} into {@code staging}, the marker last, listing every file with its size. */
    private void upload(java.nio.file.Path from, Path staging) throws IOException {
        List<java.nio.file.Path> files;
        try (Stream<java.nio.file.Path> walk = Files.walk(from)) {
            files = walk.filter(Files::isRegularFile).filter(p -> !p.getFileName().toString().equals(AtomicDirectories.MARKER)).sorted().toList();
        }
        StringBuilder marker = new StringBuilder("This folder is an lpa4j result, written as a whole; lpa4j may replace it when asked to.\n"
                + "It is complete when every file below is there at its size (bytes, then path):\n");
        fs.mkdirs(staging);
        for (java.nio.file.Path file : files) {
            String relative = from.relativize(file).toString().replace(java.io.File.separatorChar, '/');
            try (OutputStream out = fs.create(new Path(staging, relative), false)) {
                Files.copy(file, out);
            }
            marker.append(Files.size(file)).append('\t').append(relative).append('\n');
        }
        try (OutputStream out = fs.create(new Path(staging, AtomicDirectories.MARKER), false)) {
            out.write(marker.toString().getBytes(StandardCharsets.UTF_8));
        }
    }

    private static Lpa4jException incomplete(Path target) {
        return new Lpa4jException("The cell folder " + target + " is there but is not a complete lpa4j result (other files, or a copy cut short"
                + " on a store whose renames are not atomic); it is kept. Delete it and run the sweep again to train the cell.");
    }

    @Override
    public void writeFile(String name, AtomicFiles.Content content) throws IOException {
        Path target = new Path(root, name);
        if (fs.exists(target) && fs.getFileStatus(target).isDirectory()) {
            throw new Lpa4jException("The sweep's file " + target + " is a folder; it is kept. Move it away and run the sweep again.");
        }
        fs.mkdirs(target.getParent());
        Path tmp = sibling(target, "partial");
        try {
            try (OutputStream out = fs.create(tmp, false)) {
                content.writeTo(out);
            }
            fc.rename(tmp, target, Options.Rename.OVERWRITE);
        } finally {
            fs.delete(tmp, false);
        }
    }

    @Override
    public void prepare() throws IOException {
        Path cells = new Path(root, CELLS);
        if (!fs.exists(cells)) {
            return;
        }
        for (FileStatus s : fs.listStatus(cells)) {
            if (AtomicDirectories.isWritersOwn(s.getPath().getName())) {
                fs.delete(s.getPath(), true);
            }
        }
    }

    /** A fresh hidden sibling name of {@code target}: {@code .NAME.ROLE-RANDOM}. */
    private static Path sibling(Path target, String role) {
        return new Path(target.getParent(), "." + target.getName() + "." + role + "-" + Long.toHexString(new SplittableRandom().nextLong()));
    }
}
