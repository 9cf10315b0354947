package org.lpa4j.cli.output;

import org.lpa4j.experiments.DepthReport;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Path;
import org.lpa4j.api.io.AtomicFiles;

/** Writes and reads the JSON outputs of the CLI ({@code report.json}, ...); writes are atomic. */
public final class ReportWriter {
    private final ObjectMapper mapper = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    /** Writes {@code report} to {@code file} (a temporary file moved into place). */
    public void write(DepthReport report, Path file) throws IOException {
        writeJson(report, file);
    }

    /** Writes any record (e.g. the options a model was trained with) as JSON to {@code file}, atomically. */
    public void writeJson(Object value, Path file) throws IOException {
        AtomicFiles.write(file, out -> mapper.writeValue(out, value));
    }

    /** Reads a record written by {@link #writeJson}. */
    public <T> T readJson(Path file, Class<T> type) throws IOException {
        return mapper.readValue(file.toFile(), type);
    }

    /** Reads a report written by {@link #write}. */
    public DepthReport read(Path file) throws IOException {
        return readJson(file, DepthReport.class);
    }
}
