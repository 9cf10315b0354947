package org.lpa4j.experiments;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Objects;
import org.lpa4j.api.InvalidSettingException;

/**
 * Where an experiment's result is written, as a whole: the folder ({@code report.json} and one bundle per model), whether
 * an existing one is replaced (otherwise it is kept and the run refused), and any further files a front end adds to it
 * (e.g. a plot) before it appears.
 */
public record ExperimentOutput(Path dir, boolean replace, Extra also) {
    /** The report's file name in the output folder. */
    public static final String REPORT_FILE = "report.json";

    /** Files a front end writes into the output folder (not yet in place) from the finished result. */
    @FunctionalInterface
    public interface Extra {
        void write(ExperimentResult result, Path folder) throws IOException;
    }

    public ExperimentOutput {
        Objects.requireNonNull(dir, "dir is null");
        Objects.requireNonNull(also, "also is null");
        if (dir.toString().isBlank()) {
            throw new InvalidSettingException("out", "The output folder must be named, not an empty path; e.g. out/run.");
        }
        if (dir.toAbsolutePath().normalize().getParent() == null) {
            throw new InvalidSettingException("out", "The output folder " + dir + " is the file system's root; name a folder of its own, e.g. out/run.");
        }
    }

    /** The new folder {@code dir}; an existing one is kept and the run refused. */
    public static ExperimentOutput to(Path dir) {
        return new ExperimentOutput(dir, false, (result, folder) -> { });
    }

    /** This output, replacing an existing folder as a whole when {@code value}. */
    public ExperimentOutput replacing(boolean value) {
        return new ExperimentOutput(dir, value, also);
    }

    /** This output, with {@code extra}'s files added. */
    public ExperimentOutput alsoWriting(Extra extra) {
        return new ExperimentOutput(dir, replace, extra);
    }
}
