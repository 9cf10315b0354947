package org.lpa4j.models;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.lpa4j.api.backend.Backend;
import org.lpa4j.api.data.TaskShape;
import org.lpa4j.api.inference.CalibratedExit;
import org.lpa4j.api.input.InputPreprocessing;
import org.lpa4j.api.task.TaskOptions;
import org.lpa4j.api.training.TrainingConfig;

/**
 * What a saved model records besides its network and weights, given by whoever trained it: the task shape (required),
 * output labels or vocabulary, the input preprocessing, the trainer, the training configuration, the backend, the data
 * and the options it was taken with, and per-depth metrics.
 * Built with {@link #builder}: {@code setX} for what is required, {@code optX} for the rest.
 */
public final class ModelInfo {
    private final TaskShape task;
    private final List<String> labels;
    private final List<String> inputVocabulary;
    private final InputPreprocessing preprocessing;
    private final String trainer;
    private final String form;
    private final String weighting;
    private final Map<String, Object> trainerOptions;
    private final TrainingConfig config;
    private final String backend;
    private final String engineVersion;
    private final String dataset;
    private final String datasetSha256;
    private final TaskOptions taskOptions;
    private final List<ModelManifest.DepthMetric> metrics;
    private final ModelManifest.Lineage lineage;
    private final Map<String, Object> exitPolicy;

    private ModelInfo(Builder b) {
        this.task = b.task;
        this.labels = b.labels;
        this.inputVocabulary = b.inputVocabulary;
        this.preprocessing = b.preprocessing;
        this.trainer = b.trainer;
        this.form = b.form;
        this.weighting = b.weighting;
        this.trainerOptions = b.trainerOptions == null ? null : Collections.unmodifiableMap(new LinkedHashMap<>(b.trainerOptions));
        this.config = b.config;
        this.backend = b.backend;
        this.engineVersion = b.engineVersion;
        this.dataset = b.dataset;
        this.datasetSha256 = b.datasetSha256;
        this.taskOptions = b.taskOptions;
        this.metrics = List.copyOf(b.metrics);
        this.lineage = b.lineage;
        this.exitPolicy = b.exitPolicy;
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * A builder holding what a model made from the saved model {@code parent} shares with it: the task shape, labels,
     * input vocabulary and preprocessing, the data set, its fingerprint and options. The trainer, configuration,
     * backend, metrics and {@link Builder#optLineage lineage} are the new model's own.
     */
    public static Builder childOf(ModelManifest parent) {
        Builder b = new Builder().setTask(parent.taskShape()).optPreprocessing(parent.input().preprocessing());
        if (parent.output().labels() != null) {
            b.optLabels(parent.output().labels());
        }
        if (parent.input().vocabulary() != null) {
            b.optInputVocabulary(parent.input().vocabulary());
        }
        ModelManifest.Provenance p = parent.provenance();
        if (p != null) {
            b.optDataset(p.dataset(), p.datasetSha256()).optTaskOptions(p.taskOptions());
        }
        return b;
    }

    public TaskShape task() {
        return task;
    }

    /** The name of each output (class labels, or the token of each id for next-token models), or null. */
    public List<String> labels() {
        return labels;
    }

    /** The token of each input id, or null. */
    public List<String> inputVocabulary() {
        return inputVocabulary;
    }

    /** How a raw input becomes the network's input, or null. */
    public InputPreprocessing preprocessing() {
        return preprocessing;
    }

    public String trainer() {
        return trainer;
    }

    public String form() {
        return form;
    }

    public String weighting() {
        return weighting;
    }

    /** The trainer's further options by name (e.g. LPA's distillation), or null where it has none. */
    public Map<String, Object> trainerOptions() {
        return trainerOptions;
    }

    public TrainingConfig config() {
        return config;
    }

    public String backend() {
        return backend;
    }

    public String engineVersion() {
        return engineVersion;
    }

    public String dataset() {
        return dataset;
    }

    public String datasetSha256() {
        return datasetSha256;
    }

    /** The options the data set was taken with, or null. */
    public TaskOptions taskOptions() {
        return taskOptions;
    }

    public List<ModelManifest.DepthMetric> metrics() {
        return metrics;
    }

    /** The saved model this one was made from, or null. */
    public ModelManifest.Lineage lineage() {
        return lineage;
    }

    /** The calibrated exit policy saved with the model ({@link ExitPolicies#toJson}), or null. */
    public Map<String, Object> exitPolicy() {
        return exitPolicy;
    }

    /** Collects a {@link ModelInfo}; {@link #build} requires the task shape. */
    public static final class Builder {
        private TaskShape task;
        private List<String> labels;
        private List<String> inputVocabulary;
        private InputPreprocessing preprocessing;
        private String trainer;
        private String form;
        private String weighting;
        private Map<String, Object> trainerOptions;
        private TrainingConfig config;
        private String backend;
        private String engineVersion;
        private String dataset;
        private String datasetSha256;
        private TaskOptions taskOptions;
        private final List<ModelManifest.DepthMetric> metrics = new ArrayList<>();
        private ModelManifest.Lineage lineage;
        private Map<String, Object> exitPolicy;

        private Builder() {
        }

        /** What one example is and what the output means. */
        public Builder setTask(TaskShape value) {
            this.task = Objects.requireNonNull(value, "task is null");
            return this;
        }

        /** The name of each output: class labels, or the token each next-token output stands for; one per output. */
        public Builder optLabels(List<String> value) {
            this.labels = List.copyOf(value);
            return this;
        }

        /** The token of each input id, for token inputs; one per id. */
        public Builder optInputVocabulary(List<String> value) {
            this.inputVocabulary = List.copyOf(value);
            return this;
        }

        /** How the task turned a raw input into the network's input ({@link org.lpa4j.api.task.LoadedTask#preprocessing}). */
        public Builder optPreprocessing(InputPreprocessing value) {
            this.preprocessing = value;
            return this;
        }

        /** The trainer's name and, for LPA, its form and depth weighting (null where a trainer has none). */
        public Builder optTrainer(String name, String lpaForm, String depthWeighting) {
            this.trainer = name;
            this.form = lpaForm;
            this.weighting = depthWeighting;
            return this;
        }

        /** The trainer's further options by name, as {@link org.lpa4j.api.training.ProgressiveTrainer#options} gives them. */
        public Builder optTrainerOptions(Map<String, Object> options) {
            this.trainerOptions = options;
            return this;
        }

        /** The training configuration; its seed becomes the provenance's seed. */
        public Builder optConfig(TrainingConfig value) {
            this.config = value;
            return this;
        }

        /** The backend the model was trained on. */
        public Builder optBackend(Backend value) {
            this.backend = value.name();
            this.engineVersion = value.engineVersion();
            return this;
        }

        /** The data set's name and the SHA-256 of its data ({@link DataFingerprint#sha256}). */
        public Builder optDataset(String name, String sha256) {
            this.dataset = name;
            this.datasetSha256 = sha256;
            return this;
        }

        /** The options the data set was loaded with, so its splits can be rebuilt exactly (e.g. to evaluate the model). */
        public Builder optTaskOptions(TaskOptions value) {
            this.taskOptions = value;
            return this;
        }

        /** One metric at every depth on the validation and test splits (either may be null). */
        public Builder optMetric(String metric, boolean lowerIsBetter, double[] validation, double[] test) {
            metrics.add(new ModelManifest.DepthMetric(metric, lowerIsBetter, validation == null ? null : validation.clone(),
                    test == null ? null : test.clone()));
            return this;
        }

        /** The saved model this one was sliced or grown from. */
        public Builder optLineage(ModelManifest.Lineage value) {
            this.lineage = value;
            return this;
        }

        /** An exit policy calibrated for this model, saved with it in the same write. */
        public Builder optExitPolicy(CalibratedExit value) {
            this.exitPolicy = value == null ? null : ExitPolicies.toJson(value);
            return this;
        }

        public ModelInfo build() {
            if (task == null) {
                throw new BundleException("A saved model needs its task shape (what one example is and what the output means); call setTask.");
            }
            return new ModelInfo(this);
        }
    }
}
