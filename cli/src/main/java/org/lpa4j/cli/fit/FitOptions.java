package org.lpa4j.cli.fit;

import java.nio.file.Path;
import java.util.List;
import org.lpa4j.api.layers.Activation;
import org.lpa4j.api.tensor.DType;
import org.lpa4j.api.training.LearningRateSchedule;
import org.lpa4j.cli.option.BackendOption;
import org.lpa4j.trainers.lpa.DepthWeighting;
import org.lpa4j.trainers.lpa.LpaForm;
import org.lpa4j.trainers.lpa.LpaTrainer;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * Everything one {@code fit} run needs, as a picocli mixin: {@code fit} takes it from the command line, {@code demo}
 * parses its own fixed arguments into one, and {@link FitRunner} validates and runs it.
 */
public final class FitOptions {
    @Option(names = "--task", required = true, description = "a registered task: surface:oscillation1d|peaks2d|discontinuous2d|smooth3d, moby, spam, digits, mnist, fashion-mnist, or one of your own on the classpath (an unknown name is answered with the full list)")
    String task;
    @Option(names = "--arch", defaultValue = "fnn", description = "a registered architecture: fnn, resnet, transformer, nested, stair, or any"
            + " other whose provider is on the classpath (default ${DEFAULT-VALUE})")
    String arch;
    @Option(names = "--depth", defaultValue = "8", description = "residual blocks L (default ${DEFAULT-VALUE})")
    int depth;
    @Option(names = "--width", defaultValue = "64", description = "residual width (default ${DEFAULT-VALUE})")
    int width;
    @Option(names = "--trainer", defaultValue = "both", description = "a comma-separated list of lpa, e2e, separate (one end-to-end model per"
            + " depth, the architecture cut to that many blocks: the \"N separate models\" reference), mgdl (multigrade: --depth grades of two"
            + " --width layers, --epochs split across them); both = lpa,e2e (default ${DEFAULT-VALUE})")
    String trainer;
    @Option(names = "--separate-depths", split = ",", description = "with --trainer separate: the depths to train a separate model for,"
            + " e.g. 1,2,4 (default: every depth)")
    List<Integer> separateDepths;
    @Mixin
    BackendOption backend;
    @Option(names = "--epochs", defaultValue = "100", description = "epochs (default ${DEFAULT-VALUE})")
    int epochs;
    @Option(names = "--seed", defaultValue = "0", description = "seed of data, weights and shuffling (default ${DEFAULT-VALUE})")
    long seed;
    @Option(names = "--seeds", split = ",", description = "run the whole comparison once per seed, e.g. 0,1,2, and report the mean and"
            + " spread (sample standard deviation) at every depth; replaces --seed")
    List<Long> seeds;
    @Option(names = "--out", defaultValue = "out/fit", description = "output directory, written as a whole when the run is complete (default ${DEFAULT-VALUE})")
    Path out;
    @Option(names = "--resume", paramLabel = "OUT", description = "continue the fit into OUT (its --out) that was killed or stopped, from its"
            + " last checkpoint; give the same options as that run (one that differs is refused, named)")
    Path resume;
    @Option(names = "--checkpoint-every", defaultValue = "0", description = "also write a checkpoint every this many epochs (default"
            + " ${DEFAULT-VALUE}: by time only)")
    int checkpointEvery;
    @Option(names = "--checkpoint-minutes", defaultValue = "5", description = "write a checkpoint at the first epoch end after this many"
            + " minutes since the last one, into OUT.checkpoint beside --out (removed when the fit ends); runs shorter than this write"
            + " none; 0 = never by time (default ${DEFAULT-VALUE})")
    double checkpointMinutes;
    @Option(names = "--overwrite", description = "replace an existing --out folder as a whole (without it, an existing result is kept and the run refused)")
    boolean overwrite;
    @Option(names = "--lr", defaultValue = "0.003", description = "base learning rate, cosine-decayed (default ${DEFAULT-VALUE})")
    double learningRate;
    @Option(names = "--batch-size", defaultValue = "128", description = "mini-batch size (default ${DEFAULT-VALUE})")
    int batchSize;
    @Option(names = "--examples", defaultValue = "4000", description = "examples generated for surface tasks (default ${DEFAULT-VALUE})")
    int examples;
    @Option(names = "--form", defaultValue = "JOINT", description = "LPA form: ${COMPLETION-CANDIDATES} (default ${DEFAULT-VALUE})")
    LpaForm form;
    @Option(names = "--weighting", defaultValue = "BY_LOSS", description = "LPA depth weights: ${COMPLETION-CANDIDATES}; BY_LOSS is ADAPTIVE"
            + " for squared error and UNIFORM for cross-entropy (default ${DEFAULT-VALUE})")
    DepthWeighting weighting;
    @Option(names = "--distill", defaultValue = "0", description = "LPA self-distillation: the share of every shallower depth's loss that"
            + " follows the deepest readout (a stop-gradient soft teacher) instead of the target, 0 (off) to below 1 (default ${DEFAULT-VALUE})")
    double distillation;
    @Option(names = "--distill-temperature", defaultValue = "1", description = "LPA self-distillation temperature T: readouts divided by T"
            + " before the teacher loss, which is multiplied by T^2; 2-4 soften a classifier's teacher (default ${DEFAULT-VALUE})")
    double distillationTemperature;
    @Option(names = "--balance", description = "LPA gradient balancing: each depth's loss rescaled in every step to the weighted mean of all"
            + " depths' losses, so no depth dominates the shared trunk's gradient")
    boolean gradientBalancing;
    @Option(names = "--uniform-epochs", defaultValue = "0", description = "LPA depth-weight schedule: uniform depth weights for this many"
            + " epochs, then --weighting (default ${DEFAULT-VALUE})")
    int uniformEpochs;
    @Option(names = "--layer-dropout", defaultValue = "0", description = "LPA layer dropout: block l is skipped in a training step with"
            + " probability rate (l-1)/(L-1), never the first block; 0 (off) to below 1 (default ${DEFAULT-VALUE})")
    double layerDropout;
    @Option(names = "--activation", defaultValue = "TANH", description = "block activation: ${COMPLETION-CANDIDATES} (default ${DEFAULT-VALUE})")
    Activation activation;
    @Option(names = "--dtype", defaultValue = "FLOAT32", description = "FLOAT32 or FLOAT64 (default ${DEFAULT-VALUE})")
    DType dtype;
    @Option(names = "--schedule", defaultValue = "COSINE", description = "learning-rate schedule: ${COMPLETION-CANDIDATES} (default ${DEFAULT-VALUE})")
    LearningRateSchedule schedule;
    @Option(names = "--patience", defaultValue = "0",
            description = "stop after this many epochs without a better validation error, keeping the best weights; 0 = never (default ${DEFAULT-VALUE})")
    int patience;
    @Option(names = "--limit", defaultValue = "0", description = "use at most this many training examples of a fetched data set; 0 = all (default ${DEFAULT-VALUE})")
    int limit;
    @Option(names = "--heads", defaultValue = "4", description = "attention heads of the transformer (default ${DEFAULT-VALUE})")
    int heads;
    @Option(names = "--context", defaultValue = "64", description = "tokens per example for text tasks (default ${DEFAULT-VALUE})")
    int context;
    @Option(names = "--grade-tolerance", description = "with --trainer mgdl: keep adding grades (at most --depth) only while the validation error"
            + " improves and is above this; without it every grade is trained")
    Double gradeTolerance;


    String task() {
        return task;
    }

    String arch() {
        return arch;
    }

    int depth() {
        return depth;
    }

    int width() {
        return width;
    }

    String trainer() {
        return trainer;
    }

    /** The depths of the separate models, empty for every depth. */
    List<Integer> separateDepths() {
        return separateDepths == null ? List.of() : separateDepths;
    }

    String backend() {
        return backend.name();
    }

    int epochs() {
        return epochs;
    }

    long seed() {
        return seed;
    }

    /** The seeds to run: those of {@code --seeds}, else the one of {@code --seed}. */
    List<Long> seeds() {
        return seeds == null || seeds.isEmpty() ? List.of(seed) : seeds;
    }

    Path out() {
        return resume != null ? resume : out;
    }

    /** The OUT of {@code --resume}, or null when the fit starts afresh. */
    Path resume() {
        return resume;
    }

    int checkpointEvery() {
        return checkpointEvery;
    }

    double checkpointMinutes() {
        return checkpointMinutes;
    }

    boolean overwrite() {
        return overwrite;
    }

    double learningRate() {
        return learningRate;
    }

    int batchSize() {
        return batchSize;
    }

    int examples() {
        return examples;
    }

    LpaForm form() {
        return form;
    }

    DepthWeighting weighting() {
        return weighting;
    }

    double distillation() {
        return distillation;
    }

    double distillationTemperature() {
        return distillationTemperature;
    }

    int uniformEpochs() {
        return uniformEpochs;
    }

    double layerDropout() {
        return layerDropout;
    }

    /** The LPA trainer these options describe: form, weighting and every option. */
    LpaTrainer lpaTrainer() {
        return new LpaTrainer(form, weighting).withDistillation(distillation).withDistillationTemperature(distillationTemperature)
                .withGradientBalancing(gradientBalancing)
                .withUniformEpochs(uniformEpochs).withLayerDropout(layerDropout);
    }

    Activation activation() {
        return activation;
    }

    DType dtype() {
        return dtype;
    }

    LearningRateSchedule schedule() {
        return schedule;
    }

    int patience() {
        return patience;
    }

    int limit() {
        return limit;
    }

    int heads() {
        return heads;
    }

    int context() {
        return context;
    }

    Double gradeTolerance() {
        return gradeTolerance;
    }

    /** The options {@code args} give, with every other option at its default, or picocli's sentence about a bad argument. */
    public static FitOptions parse(String... args) {
        FitOptions options = new FitOptions();
        new picocli.CommandLine(options).parseArgs(args);
        return options;
    }
}
