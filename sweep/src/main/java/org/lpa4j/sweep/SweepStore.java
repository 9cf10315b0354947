package org.lpa4j.sweep;

import java.io.IOException;
import java.nio.file.Path;
import java.util.regex.Pattern;
import org.apache.hadoop.conf.Configuration;
import org.lpa4j.api.io.AtomicFiles;

/**
 * Where a sweep writes ({@code --out}): its cells, each a folder written as a whole (complete or absent, with the
 * {@link org.lpa4j.api.io.AtomicDirectories#MARKER} marker when complete), and its report files. A path of this
 * machine's file system is written with {@code java.nio} through lpa4j's atomic folders, as {@code fit --out} is; a URI
 * with a scheme ({@code hdfs://}, {@code file://}, {@code s3a://}, ...) through Hadoop's {@code FileSystem} API, with
 * the same rule (a hidden staging folder renamed into place).
 */
public interface SweepStore {
    /** The folder of the cells under a sweep's output. */
    String CELLS = "cells";

    /** Writes a cell's complete result folder (through lpa4j's atomic folders) at the local path it is given. */
    interface CellWriter {
        void writeTo(Path folder) throws IOException;
    }

    /** The store at {@code out}: a Hadoop file system when it is a URI with a scheme, else a path of this machine; {@code hadoop} configures the former. */
    static SweepStore at(String out, Configuration hadoop) {
        return isUri(out) ? new HadoopSweepStore(out, hadoop) : new LocalSweepStore(Path.of(out));
    }

    /** Whether {@code out} names a Hadoop file system URI ({@code SCHEME:/...}, a scheme of two letters or more, so not a drive letter). */
    static boolean isUri(String out) {
        return URI.matcher(out).lookingAt();
    }

    /** The pattern of a URI's start. */
    Pattern URI = Pattern.compile("[A-Za-z][A-Za-z0-9+.-]+:/");

    /** Where this store writes, absolute, for sentences and for the executors. */
    String location();

    /** The {@code report.json} of cell {@code id} when its folder holds a complete result, else null (nothing there yet). */
    String completeReport(String id) throws IOException;

    /**
     * Writes cell {@code id} as a whole through {@code writer}: true when this call put it in place, false when another
     * attempt of the same cell (a retry, a speculative copy) had put its complete result there first, which then stands.
     */
    boolean writeCell(String id, CellWriter writer) throws IOException;

    /** Writes the file {@code name} (a path relative to the store, e.g. {@code plots/x.png}) as a whole, replacing an earlier one. */
    void writeFile(String name, AtomicFiles.Content content) throws IOException;

    /** Before a sweep's job: removes what writers killed earlier left behind (staging folders), where the store cannot do that per write. */
    void prepare() throws IOException;
}
