package org.lpa4j.experiments;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Path;
import org.lpa4j.api.io.AtomicFiles;

/** {@code report.json}: a {@link DepthReport} or a {@link SeedsReport} as indented JSON, written atomically and read back. */
public final class ReportJson {
    private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private ReportJson() {
    }

    /** Writes {@code report} to {@code file} (a temporary file moved into place). */
    public static void write(Object report, Path file) throws IOException {
        AtomicFiles.write(file, out -> MAPPER.writeValue(out, report));
    }

    /** Reads a report of {@code type} written by {@link #write}. */
    public static <T> T read(Path file, Class<T> type) throws IOException {
        return MAPPER.readValue(file.toFile(), type);
    }
}
