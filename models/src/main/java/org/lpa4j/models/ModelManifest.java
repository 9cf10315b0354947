package org.lpa4j.models;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.lpa4j.api.data.OutputKind;
import org.lpa4j.api.data.TaskShape;
import org.lpa4j.api.inference.CalibratedExit;
import org.lpa4j.api.input.InputPreprocessing;
import org.lpa4j.api.task.TaskOptions;
import org.lpa4j.api.backend.Backend;
import org.lpa4j.api.training.TrainingConfig;
import org.lpa4j.api.tensor.DType;

/**
 * The one manifest type: the content of a bundle's {@code model.json}, everything needed to rebuild the model, what its
 * inputs and outputs mean, how it was made and how good each depth is. Whoever trains a model describes it with
 * {@link #builder} (the task shape required, the rest optional); saving completes it with what the network and its
 * weights say (architecture, element type, depth, the weights' SHA-256, versions, date, digest and probes), written
 * last, so a manifest names the weights it belongs to. Field names appear in the file in snake case
 * ({@code format_version}, ...). New fields go before {@code exit_policy}, so the digest covers them.
 *
 * @param formatVersion the bundle format; a reader refuses a newer one than {@link Models#FORMAT_VERSION}
 * @param architecture  the registered architecture name and every hyperparameter it is rebuilt from
 * @param input         what one example is
 * @param output        what the output means
 * @param dtype         the element type of every weight
 * @param depth         the number of residual blocks, so the number of readouts
 * @param training      the trainer, its own options and the training configuration
 * @param provenance    versions, backend, seed, data and date of the training run
 * @param metrics       per-depth validation and test metrics (depth 1 first)
 * @param weights       the weights file and its SHA-256
 * @param lineage       the model this one was sliced or grown from; null for a model trained from scratch
 * @param exitPolicy    room for a calibrated early-exit policy (plain JSON data, written by whoever calibrates it); null when
 *                      the bundle has none. A reader that does not know the policy's form still loads the model.
 * @param integrity     the digest of everything but the exit policy, and probe outputs at every depth (format 3 on; null
 *                      before).
 */
public record ModelManifest(int formatVersion, Architecture architecture, Input input, Output output, DType dtype, int depth,
                            Training training, Provenance provenance, List<DepthMetric> metrics, Weights weights,
                            Lineage lineage, Map<String, Object> exitPolicy, Integrity integrity) {

    /** The task shape the model was built for, as an architecture sees it. */
    public TaskShape taskShape() {
        return new TaskShape(input.exampleShape(), input.tokens(), input.vocabularySize(), output.size(), output.kind());
    }

    /** The option name of LPA's form in {@link Training#options}. */
    public static final String FORM = "form";
    /** The option name of LPA's depth weighting in {@link Training#options}. */
    public static final String WEIGHTING = "weighting";

    /** A description of a model to save, to be completed by saving; the task shape is required ({@link Builder#setTask}). */
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
        Provenance p = parent.provenance();
        if (p != null) {
            b.optDataset(p.dataset(), p.datasetSha256()).optTaskOptions(p.taskOptions());
        }
        return b;
    }

    /** This manifest with {@code policy} as its exit policy (null removes it). */
    public ModelManifest withExitPolicy(Map<String, Object> policy) {
        return new ModelManifest(formatVersion, architecture, input, output, dtype, depth, training, provenance, metrics, weights, lineage,
                policy, integrity);
    }

    /** This manifest with {@code value} as its integrity record. */
    ModelManifest withIntegrity(Integrity value) {
        return new ModelManifest(formatVersion, architecture, input, output, dtype, depth, training, provenance, metrics, weights, lineage,
                exitPolicy, value);
    }

    /** The architecture's registered name and the hyperparameters its provider rebuilds the network from. */
    public record Architecture(String name, Map<String, Object> hyperparameters) {
    }

    /**
     * One example: the network's input name and element type, its shape without the batch dimension, whether it holds
     * token ids and how many ids there are (0 for continuous inputs), optionally the token of each id, and how a raw
     * input becomes one ({@code preprocessing}, under {@code kind} {@code features}, {@code grey_images} or
     * {@code word_ids}; null when the task recorded none or the bundle predates format 2).
     */
    public record Input(String name, DType dtype, int[] exampleShape, boolean tokens, int vocabularySize, List<String> vocabulary,
                        InputPreprocessing preprocessing) {
    }

    /**
     * What the output means: its kind, the number of outputs (targets, classes or tokens), and the name of each output
     * when known: class labels for {@link OutputKind#CLASSES}, the token of each id for {@link OutputKind#NEXT_TOKEN}.
     */
    public record Output(OutputKind kind, int size, List<String> labels) {
    }

    /**
     * The trainer (e.g. lpa, e2e, multigrade), its own settings by name ({@code options}: for LPA its form, depth weighting,
     * distillation, balancing, ...; null where it has none) and the training configuration. Bundles saved before the
     * options held every setting recorded LPA's form and weighting beside them; they are read into the options.
     */
    public record Training(String trainer, Map<String, Object> options, Map<String, Object> config) {

        /** Reads a training record, folding the {@code form} and {@code weighting} of older bundles into the options. */
        @JsonCreator
        static Training read(@JsonProperty("trainer") String trainer, @JsonProperty("form") String form,
                             @JsonProperty("weighting") String weighting, @JsonProperty("options") Map<String, Object> options,
                             @JsonProperty("config") Map<String, Object> config) {
            if (form == null && weighting == null) {
                return new Training(trainer, options, config);
            }
            Map<String, Object> all = new LinkedHashMap<>();
            all.put(FORM, form);
            all.put(WEIGHTING, weighting);
            if (options != null) {
                all.putAll(options);
            }
            return new Training(trainer, all, config);
        }

        /** The trainer's option {@code name}, or null when it has none of that name. */
        public Object option(String name) {
            return options == null ? null : options.get(name);
        }
    }

    /**
     * Where the model came from: the lpa4j version, the backend and its engine version, the seed, the data set's name,
     * the options its data was taken with (seed, generated examples, training-example limit, context, float type; null
     * before format 2), the SHA-256 of its data (see {@link DataFingerprint}), and when the model was saved (ISO-8601, UTC).
     */
    public record Provenance(String lpa4jVersion, String backend, String engineVersion, Long seed, String dataset, TaskOptions taskOptions,
                             String datasetSha256, String created) {
    }

    /** One metric at every depth (depth 1 first) on the validation and the test split; either may be null when not measured. */
    public record DepthMetric(String metric, boolean lowerIsBetter, double[] validation, double[] test) {
    }

    /** The weights file's name inside the bundle and the SHA-256 of its bytes. */
    public record Weights(String file, String sha256) {
    }

    /**
     * Where a model made from another saved model came from: the parent's weights SHA-256 and depth, the step that made
     * this one ({@value #SLICE} or {@value #GROW}) and that step's settings (plain JSON data, e.g. the blocks added).
     */
    public record Lineage(String parentWeightsSha256, int parentDepth, String step, Map<String, Object> details) {
        /** The step that keeps depths 1..k of the parent. */
        public static final String SLICE = "slice";
        /** The step that appends blocks trained on the parent's residual, its depths frozen. */
        public static final String GROW = "grow";
    }

    /**
     * Tamper evidence (see {@link BundleIntegrity}): the SHA-256 of the canonical manifest without {@code exit_policy} and
     * {@code integrity} (it names the weights' hash, so it covers them), and probe inputs with the model's outputs.
     */
    public record Integrity(String digest, Probes probes) {
    }

    /**
     * Probe inputs (their batch shape and values, flattened) and the model's outputs on them at every depth (depth 1
     * first), each sampled at the same flat {@code positions}.
     */
    public record Probes(int[] shape, double[] inputs, int[] positions, List<double[]> outputs) {
    }

    /**
     * Collects what a trainer knows of its model, as a manifest that saving completes: {@code setX} for what is
     * required, {@code optX} for the rest.
     */
    public static final class Builder {
        private TaskShape task;
        private List<String> labels;
        private List<String> inputVocabulary;
        private InputPreprocessing preprocessing;
        private String trainer;
        private Map<String, Object> trainerOptions;
        private TrainingConfig config;
        private String backend;
        private String engineVersion;
        private String dataset;
        private String datasetSha256;
        private TaskOptions taskOptions;
        private final List<DepthMetric> metrics = new ArrayList<>();
        private Lineage lineage;
        private Map<String, Object> exitPolicy;

        private Builder() {
        }

        /** What one example is and what the output means. */
        public Builder setTask(TaskShape value) {
            this.task = java.util.Objects.requireNonNull(value, "task is null");
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

        /**
         * The trainer's name and its own settings by name (for LPA: {@value #FORM}, {@value #WEIGHTING} and the options
         * {@link org.lpa4j.api.training.ProgressiveTrainer#options} gives; null or empty where it has none).
         */
        public Builder optTrainer(String name, Map<String, Object> options) {
            this.trainer = name;
            this.trainerOptions = options == null || options.isEmpty() ? null : Collections.unmodifiableMap(new LinkedHashMap<>(options));
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
            metrics.add(new DepthMetric(metric, lowerIsBetter, validation == null ? null : validation.clone(), test == null ? null : test.clone()));
            return this;
        }

        /** The saved model this one was sliced or grown from. */
        public Builder optLineage(Lineage value) {
            this.lineage = value;
            return this;
        }

        /** An exit policy calibrated for this model, saved with it in the same write. */
        public Builder optExitPolicy(CalibratedExit value) {
            this.exitPolicy = value == null ? null : ExitPolicies.toJson(value);
            return this;
        }

        /** The description, to be completed by saving (it has no architecture, element type, depth, weights or integrity yet). */
        public ModelManifest build() {
            if (task == null) {
                throw new BundleException("A saved model needs its task shape (what one example is and what the output means); call setTask.");
            }
            Input input = new Input(null, null, task.example(), task.tokens(), task.vocabulary(), inputVocabulary, preprocessing);
            Output output = new Output(task.output(), task.outputs(), labels);
            Training training = new Training(trainer, trainerOptions, config == null ? null : ManifestJson.configMap(config));
            Provenance provenance = new Provenance(null, backend, engineVersion, config == null ? null : config.seed(), dataset, taskOptions,
                    datasetSha256, null);
            return new ModelManifest(Models.FORMAT_VERSION, null, input, output, null, 0, training, provenance, List.copyOf(metrics), null,
                    lineage, exitPolicy, null);
        }
    }
}
