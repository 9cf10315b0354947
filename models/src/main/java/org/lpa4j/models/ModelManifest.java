package org.lpa4j.models;

import java.util.List;
import java.util.Map;
import org.lpa4j.api.data.OutputKind;
import org.lpa4j.api.data.TaskShape;
import org.lpa4j.api.input.InputPreprocessing;
import org.lpa4j.api.task.TaskOptions;
import org.lpa4j.api.tensor.DType;

/**
 * The content of a bundle's {@code model.json}: everything needed to rebuild the model, what its inputs and outputs
 * mean, how it was made and how good each depth is. Written last, so that a manifest names the weights it belongs to
 * by their SHA-256. Field names appear in the file in snake case ({@code format_version}, ...).
 *
 * @param formatVersion the bundle format; a reader refuses a newer one than {@link Models#FORMAT_VERSION}
 * @param architecture  the registered architecture name and every hyperparameter it is rebuilt from
 * @param input         what one example is
 * @param output        what the output means
 * @param dtype         the element type of every weight
 * @param depth         the number of residual blocks, so the number of readouts
 * @param training      the trainer and its settings
 * @param provenance    versions, backend, seed, data and date of the training run
 * @param metrics       per-depth validation and test metrics (depth 1 first)
 * @param weights       the weights file and its SHA-256
 * @param exitPolicy    room for a calibrated early-exit policy (plain JSON data, written by whoever calibrates it); null when
 *                      the bundle has none. A reader that does not know the policy's form still loads the model.
 * @param lineage       the model this one was sliced or grown from; null for a model trained from scratch
 */
public record ModelManifest(int formatVersion, Architecture architecture, Input input, Output output, DType dtype, int depth,
                            Training training, Provenance provenance, List<DepthMetric> metrics, Weights weights,
                            Map<String, Object> exitPolicy, Lineage lineage) {

    /** The task shape the model was built for, as an architecture sees it. */
    public TaskShape taskShape() {
        return new TaskShape(input.exampleShape(), input.tokens(), input.vocabularySize(), output.size(), output.kind());
    }

    /** This manifest with {@code policy} as its exit policy (null removes it). */
    public ModelManifest withExitPolicy(Map<String, Object> policy) {
        return new ModelManifest(formatVersion, architecture, input, output, dtype, depth, training, provenance, metrics, weights, policy,
                lineage);
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
     * The trainer (e.g. lpa, e2e, mgdl), its LPA form, depth weighting and further options (distillation, balancing, ...)
     * where it has them (null otherwise, and options null in bundles saved before they were recorded), and the training configuration.
     */
    public record Training(String trainer, String form, String weighting, Map<String, Object> options, Map<String, Object> config) {
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
}
