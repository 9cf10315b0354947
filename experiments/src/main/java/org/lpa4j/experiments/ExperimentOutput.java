package org.lpa4j.experiments;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import org.lpa4j.api.InvalidSettingException;
import org.lpa4j.api.training.Checkpointing;

/**
 * Where an experiment's result is written, as a whole: the folder ({@code report.json} and one bundle per model), whether
 * an existing one is replaced (otherwise it is kept and the run refused), and any further files a front end adds to it
 * (e.g. a plot) before it appears; and the checkpoints of its trainings, kept beside it in {@code DIR.checkpoint} while it
 * runs (removed once the result is written), from which a killed run resumes.
 */
public record ExperimentOutput(Path dir, boolean replace, Extra also, Checkpoints checkpoints) {
    /** The report's file name in the output folder. */
    public static final String REPORT_FILE = "report.json";
    /** The suffix of the checkpoint folder's name beside the output folder. */
    public static final String CHECKPOINT_SUFFIX = ".checkpoint";

    /**
     * When the trainings write checkpoints: at the end of every {@code everyEpochs}-th epoch (0: never by count) and of
     * the first epoch after {@code every} has passed since the last one (null: never by time); with {@code resume}, the
     * run continues from the checkpoints of an earlier run into the same folder, which must be there.
     */
    public record Checkpoints(int everyEpochs, Duration every, boolean resume) {
        /** Checkpoints every {@link Checkpointing#DEFAULT_EVERY}, without resuming. */
        public static final Checkpoints DEFAULT = new Checkpoints(0, Checkpointing.DEFAULT_EVERY, false);

        public Checkpoints {
            if (everyEpochs < 0) {
                throw new InvalidSettingException("checkpointEvery", "Checkpoints are written every few epochs or, with 0, by time only;"
                        + " not every " + everyEpochs + " epochs.");
            }
            if (every != null && (every.isNegative() || every.isZero())) {
                throw new InvalidSettingException("checkpointMinutes", "Checkpoints by time need a positive interval, or none (never by"
                        + " time); not " + every + ".");
            }
        }
    }

    /** Files a front end writes into the output folder (not yet in place) from the finished result. */
    @FunctionalInterface
    public interface Extra {
        void write(ExperimentResult result, Path folder) throws IOException;
    }

    public ExperimentOutput {
        Objects.requireNonNull(dir, "dir is null");
        Objects.requireNonNull(also, "also is null");
        Objects.requireNonNull(checkpoints, "checkpoints is null");
        if (dir.toString().isBlank()) {
            throw new InvalidSettingException("out", "The output folder must be named, not an empty path; e.g. out/run.");
        }
        if (dir.toAbsolutePath().normalize().getParent() == null) {
            throw new InvalidSettingException("out", "The output folder " + dir + " is the file system's root; name a folder of its own, e.g. out/run.");
        }
    }

    /** The new folder {@code dir}; an existing one is kept and the run refused. */
    public static ExperimentOutput to(Path dir) {
        return new ExperimentOutput(dir, false, (result, folder) -> { }, Checkpoints.DEFAULT);
    }

    /** This output, replacing an existing folder as a whole when {@code value}. */
    public ExperimentOutput replacing(boolean value) {
        return new ExperimentOutput(dir, value, also, checkpoints);
    }

    /** This output, with {@code extra}'s files added. */
    public ExperimentOutput alsoWriting(Extra extra) {
        return new ExperimentOutput(dir, replace, extra, checkpoints);
    }

    /** This output, with its trainings' checkpoints written as {@code value} says. */
    public ExperimentOutput checkpointing(Checkpoints value) {
        return new ExperimentOutput(dir, replace, also, value);
    }

    /** The folder of the trainings' checkpoints: {@code DIR.checkpoint} beside the output folder. */
    public Path checkpointDir() {
        Path d = dir.toAbsolutePath().normalize();
        return d.resolveSibling(d.getFileName() + CHECKPOINT_SUFFIX);
    }
}
