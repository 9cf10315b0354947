package org.lpa4j.models;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.lpa4j.api.compile.OptimizerState;
import org.lpa4j.api.io.AtomicDirectories;
import org.lpa4j.api.params.ParameterSet;
import org.lpa4j.api.tensor.HostTensor;
import org.lpa4j.api.training.CheckpointStore;
import org.lpa4j.api.training.TrainingCheckpoint;

/**
 * A {@link CheckpointStore} in a folder: {@value #STATE_FILE} (where the run stands and its settings, plain JSON) and the
 * tensors in safetensors files (weights, optimizer state, early stopping's best weights), the folder replaced as a whole
 * by each checkpoint ({@link AtomicDirectories}), so only the last complete one is ever there.
 */
public final class CheckpointFiles implements CheckpointStore {
    /** The checkpoint format this library writes and reads. */
    public static final int FORMAT_VERSION = 1;
    /** The file with everything but the tensors. */
    public static final String STATE_FILE = "checkpoint.json";
    private static final String PARAMETERS = "parameters.safetensors";
    private static final String OPTIMIZER = "optimizer.safetensors";
    private static final String BEST = "best.safetensors";
    private static final ObjectMapper JSON = new ObjectMapper().setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .enable(SerializationFeature.INDENT_OUTPUT);

    private final Path dir;

    /** A store keeping its checkpoint in the folder {@code dir} (created by the first checkpoint). */
    public CheckpointFiles(Path dir) {
        this.dir = Objects.requireNonNull(dir, "dir is null").toAbsolutePath().normalize();
    }

    /** The folder this store writes. */
    public Path dir() {
        return dir;
    }

    /** What {@value #STATE_FILE} holds. */
    record State(int formatVersion, Map<String, String> identity, int stage, int epoch, long step, double seconds, boolean finished,
                 Long optimizerSteps, Map<String, double[]> loopState) {
    }

    @Override
    public void save(TrainingCheckpoint c) {
        try {
            AtomicDirectories.write(dir, true, staging -> {
                SafeTensors.write(c.parameters().asMap(), Map.of("format", "lpa4j-checkpoint"), staging.resolve(PARAMETERS));
                if (c.optimizer() != null) {
                    SafeTensors.write(c.optimizer().slots(), Map.of("format", "lpa4j-checkpoint"), staging.resolve(OPTIMIZER));
                }
                if (c.bestParameters() != null) {
                    SafeTensors.write(c.bestParameters().asMap(), Map.of("format", "lpa4j-checkpoint"), staging.resolve(BEST));
                }
                JSON.writeValue(staging.resolve(STATE_FILE).toFile(), new State(FORMAT_VERSION, c.identity(), c.stage(), c.epoch(), c.step(),
                        c.seconds(), c.finished(), c.optimizer() == null ? null : c.optimizer().steps(), c.loopState()));
            });
        } catch (IOException e) {
            throw new BundleException("The checkpoint could not be written to " + dir + " (" + e.getClass().getSimpleName() + ": "
                    + e.getMessage() + "); the previous checkpoint is kept. Check that the folder is writable and has space.", e);
        }
    }

    @Override
    public Optional<TrainingCheckpoint> load() {
        AtomicDirectories.restoreInterrupted(dir);
        Path state = dir.resolve(STATE_FILE);
        if (!Files.isRegularFile(state)) {
            return Optional.empty();
        }
        try {
            State s = JSON.readValue(state.toFile(), State.class);
            if (s.formatVersion() != FORMAT_VERSION) {
                throw new BundleException("The checkpoint in " + dir + " has format " + s.formatVersion() + "; this lpa4j reads format "
                        + FORMAT_VERSION + ". Resume it with the lpa4j that wrote it, or start afresh.");
            }
            ParameterSet parameters = ParameterSet.of(SafeTensors.read(dir.resolve(PARAMETERS)).tensors());
            OptimizerState optimizer = s.optimizerSteps() == null ? null
                    : new OptimizerState(s.optimizerSteps(), optional(dir.resolve(OPTIMIZER)));
            ParameterSet best = Files.exists(dir.resolve(BEST)) ? ParameterSet.of(SafeTensors.read(dir.resolve(BEST)).tensors()) : null;
            return Optional.of(new TrainingCheckpoint(s.identity(), s.stage(), s.epoch(), s.step(), s.seconds(), s.finished(), parameters,
                    optimizer, best, s.loopState()));
        } catch (IOException e) {
            throw new BundleException("The checkpoint in " + dir + " could not be read (" + e.getClass().getSimpleName() + ": "
                    + e.getMessage() + "); it is damaged. Delete the folder and start afresh.", e);
        }
    }

    @Override
    public boolean holdsCheckpoint() {
        // A run killed while it replaced its checkpoint left the previous one moved aside: put it back, or a resumed run would
        // find none and start afresh.
        AtomicDirectories.restoreInterrupted(dir);
        return Files.isRegularFile(dir.resolve(STATE_FILE));
    }

    /** The store in the folder {@code name} inside this one. */
    @Override
    public CheckpointFiles part(String name) {
        return new CheckpointFiles(dir.resolve(name));
    }

    /** Removes the checkpoint (and its parts) (after the run it belongs to has saved its results). */
    public void delete() {
        try {
            AtomicDirectories.deleteTree(dir);
        } catch (IOException e) {
            throw new BundleException("The checkpoint in " + dir + " could not be removed (" + e.getMessage() + "); delete the folder.", e);
        }
    }

    private static Map<String, HostTensor> optional(Path file) throws IOException {
        return Files.exists(file) ? SafeTensors.read(file).tensors() : Map.of();
    }

    @Override
    public String toString() {
        return dir.toString();
    }
}
