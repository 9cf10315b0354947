package org.lpa4j.experiments;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.lpa4j.api.InvalidSettingException;
import org.lpa4j.api.backend.BackendRequest;
import org.lpa4j.api.model.ArchitectureOptions;
import org.lpa4j.api.task.TaskOptions;
import org.lpa4j.api.training.TrainerOptions;
import org.lpa4j.api.training.TrainingConfig;

/**
 * One experiment: a task and the options it is loaded with, an architecture and its size, the trainers to compare (by
 * registered name, each with its options), the seeds to repeat it for, the backend and the training configuration.
 * Built with {@link #builder()}: {@code setX} for what is required, {@code optX} for the rest; {@link Builder#build()}
 * checks every setting that needs no registry, {@link ExperimentRunner} the rest before any training.
 */
public final class Experiment {
    /** The deepest network an experiment trains: every depth is a readout that training evaluates. */
    public static final int MAX_DEPTH = 1024;
    /** The widest network an experiment trains. */
    public static final int MAX_WIDTH = 16384;
    /** The most epochs an experiment trains. */
    public static final int MAX_EPOCHS = 1_000_000;
    /** The most parameters trained: a gigabyte of float32 weights, four with gradients and Adam's two moments. */
    public static final long MAX_PARAMETERS = 1L << 28;

    private final String task;
    private final TaskOptions taskOptions;
    private final String architecture;
    private final ArchitectureOptions architectureOptions;
    private final Map<String, TrainerOptions> trainers;
    private final List<Long> seeds;
    private final BackendRequest backend;
    private final TrainingConfig config;
    private final boolean interleaved;

    private Experiment(Builder b) {
        this.task = b.task;
        this.taskOptions = b.taskOptions;
        this.architecture = b.architecture;
        this.architectureOptions = b.architectureOptions;
        this.trainers = Collections.unmodifiableMap(new LinkedHashMap<>(b.trainers));
        this.config = b.config;
        this.seeds = List.copyOf(b.seeds == null ? List.of(b.config.seed()) : b.seeds);
        this.backend = b.backend;
        this.interleaved = b.interleaved;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The registered name of the task. */
    public String task() {
        return task;
    }

    /** The options the task is loaded with; each seed replaces their seed. */
    public TaskOptions taskOptions() {
        return taskOptions;
    }

    /** The registered name of the architecture (a trainer may train one of its own, see {@code ProgressiveTrainer.architecture}). */
    public String architecture() {
        return architecture;
    }

    public ArchitectureOptions architectureOptions() {
        return architectureOptions;
    }

    /** The trainers to compare, by registered name in the order given, each with its options. */
    public Map<String, TrainerOptions> trainers() {
        return trainers;
    }

    /** The seeds, each a whole run of the comparison (data, initialisation and shuffling). */
    public List<Long> seeds() {
        return seeds;
    }

    /** The backend asked for, or empty for the one the library's rules choose (property, environment, priority). */
    public Optional<BackendRequest> backend() {
        return Optional.ofNullable(backend);
    }

    /** The training configuration; each seed replaces its seed. */
    public TrainingConfig config() {
        return config;
    }

    /**
     * Whether the trainers of one model each train an epoch each in turn (a batch each through the first epoch; the
     * default), so that the process's warm-up (the JIT's compiling, the engine's first runs) is shared between them
     * instead of paid by the first, and each is timed without the others' turns; or one after another, which holds one
     * of their models in memory at a time instead of all of them. The models are the same either way.
     */
    public boolean interleaved() {
        return interleaved;
    }

    /** Builds an {@link Experiment}: the task, the architecture and at least one trainer are required. */
    public static final class Builder {
        private String task;
        private TaskOptions taskOptions = TaskOptions.defaults();
        private String architecture;
        private ArchitectureOptions architectureOptions;
        private final Map<String, TrainerOptions> trainers = new LinkedHashMap<>();
        private List<Long> seeds;
        private BackendRequest backend;
        private TrainingConfig config = TrainingConfig.defaults();
        private boolean interleaved = true;

        private Builder() {
        }

        /** The task, by registered name (e.g. {@code surface:peaks2d}). */
        public Builder setTask(String name) {
            this.task = Objects.requireNonNull(name, "name is null");
            return this;
        }

        /** The options the task is loaded with (default {@link TaskOptions#defaults()}); their seed is each run's. */
        public Builder optTaskOptions(TaskOptions options) {
            this.taskOptions = Objects.requireNonNull(options, "options is null");
            return this;
        }

        /** The architecture, by registered name (e.g. {@code fnn}), and its size. */
        public Builder setArchitecture(String name, ArchitectureOptions options) {
            this.architecture = Objects.requireNonNull(name, "name is null");
            this.architectureOptions = Objects.requireNonNull(options, "options is null");
            return this;
        }

        /** Adds the trainer registered as {@code name} with its default options. */
        public Builder addTrainer(String name) {
            return addTrainer(name, TrainerOptions.none());
        }

        /** Adds the trainer registered as {@code name} with {@code options}; a trainer given twice is refused. */
        public Builder addTrainer(String name, TrainerOptions options) {
            Objects.requireNonNull(name, "name is null");
            Objects.requireNonNull(options, "options is null");
            if (trainers.putIfAbsent(name, options) != null) {
                throw new InvalidSettingException("trainers", "The trainer " + name + " is listed twice; list each trainer once.");
            }
            return this;
        }

        /** The seeds to run the comparison for (default: the training configuration's one seed). */
        public Builder optSeeds(List<Long> values) {
            this.seeds = new ArrayList<>(Objects.requireNonNull(values, "values is null"));
            return this;
        }

        /** The backend to run on (default: the one the library's rules choose from the system property, the environment or priority). */
        public Builder optBackend(BackendRequest request) {
            this.backend = request;
            return this;
        }

        /** The training configuration (default {@link TrainingConfig#defaults()}); its seed is each run's. */
        public Builder optTrainingConfig(TrainingConfig value) {
            this.config = Objects.requireNonNull(value, "value is null");
            return this;
        }

        /** Whether the trainers of one model each train an epoch each in turn (default true) or one after another ({@link Experiment#interleaved()}). */
        public Builder optInterleaved(boolean value) {
            this.interleaved = value;
            return this;
        }

        /** The experiment, after checking each setting that needs no registry; a bad one is an {@link InvalidSettingException} naming it. */
        public Experiment build() {
            if (task == null || task.isBlank()) {
                throw new InvalidSettingException("task", "An experiment needs a task; name a registered one, e.g. surface:peaks2d.");
            }
            if (architecture == null || architecture.isBlank()) {
                throw new InvalidSettingException("architecture", "An experiment needs an architecture; name a registered one, e.g. fnn.");
            }
            if (trainers.isEmpty()) {
                throw new InvalidSettingException("trainers", "An experiment needs at least one trainer, e.g. lpa and e2e.");
            }
            int depth = architectureOptions.depth();
            if (depth > MAX_DEPTH) {
                throw new InvalidSettingException("depth", "The depth must be between 1 and " + MAX_DEPTH + " but is " + depth + " (every depth"
                        + " is a readout that training evaluates, so a deeper network would run for hours before its first epoch ends).");
            }
            if (architectureOptions.width() > MAX_WIDTH) {
                throw new InvalidSettingException("width", "The width must be at most " + MAX_WIDTH + " but is " + architectureOptions.width() + ".");
            }
            if (config.epochs() > MAX_EPOCHS) {
                throw new InvalidSettingException("epochs", "The epochs must be at most " + MAX_EPOCHS + " but are " + config.epochs() + ".");
            }
            if (seeds != null && seeds.isEmpty()) {
                throw new InvalidSettingException("seeds", "An experiment needs at least one seed.");
            }
            if (seeds != null && seeds.stream().distinct().count() != seeds.size()) {
                throw new InvalidSettingException("seeds", "The seeds list a seed twice (" + seeds + "); give each seed once.");
            }
            if (taskOptions.dtype() != config.dtype() || architectureOptions.dtype() != config.dtype()) {
                throw new InvalidSettingException("dtype", "The task's float type (" + taskOptions.dtype() + "), the network's ("
                        + architectureOptions.dtype() + ") and the training's (" + config.dtype() + ") must be the same.");
            }
            return new Experiment(this);
        }
    }
}
