package org.lpa4j.cli.fit;

import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.lpa4j.api.InvalidSettingException;
import org.lpa4j.experiments.Experiment;
import org.lpa4j.experiments.ExperimentSettings;
import org.lpa4j.experiments.ExperimentOutput;
import org.lpa4j.api.layers.Activation;
import org.lpa4j.api.tensor.DType;
import org.lpa4j.api.training.LearningRateSchedule;
import org.lpa4j.cli.option.BackendOption;
import org.lpa4j.cli.option.DepthConverter;
import org.lpa4j.cli.option.LibraryDefaults;
import org.lpa4j.trainers.lpa.DepthWeighting;
import org.lpa4j.trainers.lpa.DistillationReach;
import org.lpa4j.trainers.lpa.LpaForm;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * Everything one {@code fit} run needs, as a picocli mixin: {@code fit} takes it from the command line, {@code demo}
 * parses its own fixed arguments into one, and {@link #experiment()} maps them to the library's experiment, which checks them.
 * The training, task and architecture flags default to the library's own values ({@link LibraryDefaults}).
 */
public final class FitOptions {
    @Option(names = "--task", required = true, description = "a registered task: surface:oscillation1d|peaks2d|discontinuous2d|smooth3d, moby, spam, digits, mnist, fashion-mnist, or one of your own on the classpath (an unknown name is answered with the full list)")
    String task;
    @Option(names = "--arch", description = "a registered architecture: fnn, resnet, transformer, nested, graded (for --trainer multigrade), or any"
            + " other whose provider is on the classpath (default ${DEFAULT-VALUE})")
    String arch;
    @Option(names = "--depth", paramLabel = "K", converter = DepthConverter.class, description = "the network of K"
            + " residual blocks to train (default ${DEFAULT-VALUE})")
    int depth;
    @Option(names = "--width", description = "residual width (default ${DEFAULT-VALUE})")
    int width;
    @Option(names = "--trainer", description = "a comma-separated list of registered trainers: lpa, e2e, separate (one"
            + " end-to-end model per depth, the architecture cut to that many blocks: the \"N separate models\" reference), multigrade (trains the graded network:"
            + " --depth grades of two --width layers, --epochs split across them), or any other whose provider is on the classpath;"
            + " both = lpa,e2e (default ${DEFAULT-VALUE})")
    String trainer;
    @Option(names = "--trainer-option", description = "an option of one trainer as TRAINER.OPTION=VALUE, e.g. lpa.distillation=0.3 or a"
            + " trainer of your own's; repeatable")
    List<String> trainerOptionArgs;
    @Option(names = "--separate-depths", split = ",", description = "with --trainer separate: the depths to train a separate model for,"
            + " e.g. 1,2,4 (default: every depth)")
    List<Integer> separateDepths;
    @Mixin
    BackendOption backend;
    @Option(names = "--epochs", description = "epochs (default ${DEFAULT-VALUE})")
    int epochs;
    @Option(names = "--seed", description = "seed of data, weights and shuffling (default ${DEFAULT-VALUE})")
    long seed;
    @Option(names = "--seeds", split = ",", description = "run the whole comparison once per seed, e.g. 0,1,2, and report the mean and"
            + " spread (sample standard deviation) at every depth; replaces --seed")
    List<Long> seeds;
    @Option(names = "--out", defaultValue = "out/fit", description = "output directory, written as a whole when the run is complete (default ${DEFAULT-VALUE})")
    Path out;
    @Option(names = "--resume", paramLabel = "OUT", description = "continue the fit into OUT (its --out) that was killed or stopped, from its"
            + " last checkpoint; give the same options as that run (one that differs is refused, named)")
    Path resume;
    @Option(names = "--checkpoint-every", description = "also write a checkpoint every this many epochs (default"
            + " ${DEFAULT-VALUE}: by time only)")
    int checkpointEvery;
    @Option(names = "--checkpoint-minutes", description = "write a checkpoint at the first epoch end after this many"
            + " minutes since the last one, into OUT.checkpoint beside --out (removed when the fit ends); runs shorter than this write"
            + " none; 0 = never by time (default ${DEFAULT-VALUE})")
    double checkpointMinutes;
    @Option(names = "--overwrite", description = "replace an existing --out folder as a whole (without it, an existing result is kept and the run refused)")
    boolean overwrite;
    @Option(names = "--lr", description = "base learning rate, cosine-decayed (default ${DEFAULT-VALUE})")
    double learningRate;
    @Option(names = "--batch-size", description = "mini-batch size (default ${DEFAULT-VALUE})")
    int batchSize;
    @Option(names = "--examples", description = "examples generated for surface tasks (default ${DEFAULT-VALUE})")
    int examples;
    @Option(names = "--form", description = "LPA form: ${COMPLETION-CANDIDATES} (default JOINT)")
    LpaForm form;
    @Option(names = "--weighting", description = "LPA depth weights: ${COMPLETION-CANDIDATES}; BY_LOSS is ADAPTIVE"
            + " for squared error and UNIFORM for cross-entropy (default BY_LOSS)")
    DepthWeighting weighting;
    @Option(names = "--distill", description = "LPA self-distillation: the share of every shallower depth's loss that"
            + " follows the deepest readout (a stop-gradient soft teacher) instead of the target, 0 (off) to below 1 (default 0)")
    Double distillation;
    @Option(names = "--distill-temperature", description = "LPA self-distillation temperature T: readouts divided by T"
            + " before the teacher loss, which is multiplied by T^2; 2-4 soften a classifier's teacher (default 1)")
    Double distillationTemperature;
    @Option(names = "--balance", description = "LPA gradient balancing: each depth's loss rescaled in every step to the weighted mean of all"
            + " depths' losses, so no depth dominates the shared trunk's gradient")
    Boolean gradientBalancing;
    @Option(names = "--uniform-epochs", description = "LPA depth-weight schedule: uniform depth weights for this many"
            + " epochs, then --weighting (default 0)")
    Integer uniformEpochs;
    @Option(names = "--shallow-first-epochs", description = "LPA depth-weight schedule: depth weights decreasing with depth (depth 1"
            + " the most) for this many first epochs, before any --uniform-epochs (default 0)")
    Integer shallowFirstEpochs;
    @Option(names = "--layer-dropout", description = "LPA layer dropout: block l is skipped in a training step with"
            + " probability rate (l-1)/(L-1), never the first block; 0 (off) to below 1 (default 0)")
    Double layerDropout;
    @Option(names = "--label-smoothing", description = "LPA label smoothing for classifiers: the share of the target"
            + " moved to the uniform distribution over the classes, 0 (off) to below 1 (default 0)")
    Double labelSmoothing;
    @Option(names = "--weight-decay", description = "LPA weight decay: an L2 penalty decay/2 sum ||W||^2 on every weight"
            + " matrix and kernel (default 0)")
    Double weightDecay;
    @Option(names = "--distill-depths", description = "LPA self-distillation on depths 1..n only; 0 = every depth but the"
            + " last (default 0)")
    Integer distillationDepths;
    @Option(names = "--distill-reach", description = "which parameters the distillation teacher trains:"
            + " ${COMPLETION-CANDIDATES} (default ALL)")
    DistillationReach distillationReach;
    @Option(names = "--readout-adapter", description = "LPA per-depth readout adapter: each depth's state gets its own scale and shift per"
            + " channel before the shared head")
    Boolean readoutAdapter;
    @Option(names = "--readout-rank", description = "with --readout-adapter: each depth also gets its own map of this rank over the"
            + " channels before the shared head; 0 = scale and shift only (default 0)")
    Integer readoutRank;
    @Option(names = "--readout-pooling", description = "with --readout-adapter on an image network: each depth also weighs the positions"
            + " of the grid with weights of its own before the head's average (a per-depth pooling)")
    Boolean readoutPooling;
    @Option(names = "--calibrate", description = "LPA per-depth temperatures for classifiers, fitted on the validation split after training")
    Boolean temperatureCalibration;
    @Option(names = "--activation", description = "block activation: ${COMPLETION-CANDIDATES} (default ${DEFAULT-VALUE})")
    Activation activation;
    @Option(names = "--dtype", description = "FLOAT32 or FLOAT64 (default ${DEFAULT-VALUE})")
    DType dtype;
    @Option(names = "--schedule", description = "learning-rate schedule: ${COMPLETION-CANDIDATES} (default ${DEFAULT-VALUE})")
    LearningRateSchedule schedule;
    @Option(names = "--patience",
            description = "stop after this many epochs without a better validation error, keeping the best weights; 0 = never (default ${DEFAULT-VALUE})")
    int patience;
    @Option(names = "--limit", description = "use at most this many training examples of a fetched data set; 0 = all (default ${DEFAULT-VALUE})")
    int limit;
    @Option(names = "--heads", description = "attention heads of the transformer (default ${DEFAULT-VALUE})")
    int heads;
    @Option(names = "--context", description = "tokens per example for text tasks (default ${DEFAULT-VALUE})")
    int context;
    @Option(names = "--grade-tolerance", description = "with --trainer multigrade: keep adding grades (at most --depth) only while the validation error"
            + " improves and is above this; without it every grade is trained")
    Double gradeTolerance;
    @Option(names = "--no-interleave", description = "train the trainers one after another instead of an epoch of each in turn (the default,"
            + " which shares the process's warm-up between them and times each alone, but holds all their models in memory at once)")
    boolean noInterleave;


    /** The experiment these options describe, through the library's one mapping of settings; each is checked there and named as its flag. */
    Experiment experiment() {
        Map<String, Object> settings = new LinkedHashMap<>();
        settings.put("task", task);
        settings.put("arch", arch);
        settings.put("depth", depth);
        settings.put("width", width);
        settings.put("heads", heads);
        settings.put("activation", activation);
        settings.put("dtype", dtype);
        settings.put("trainer", trainer);
        settings.put("trainer-option", trainerOptionArgs);
        settings.put("separate-depths", separateDepths);
        settings.put("grade-tolerance", gradeTolerance);
        settings.put("backend", backend.name());
        settings.put("epochs", epochs);
        settings.put("seed", seed);
        settings.put("seeds", seeds == null || seeds.isEmpty() ? null : seeds);
        settings.put("lr", learningRate);
        settings.put("batch-size", batchSize);
        settings.put("schedule", schedule);
        settings.put("patience", patience);
        settings.put("examples", examples);
        settings.put("limit", limit);
        settings.put("context", context);
        settings.put("interleave", !noInterleave);
        settings.put("form", form);
        settings.put("weighting", weighting);
        settings.put("distill", distillation);
        settings.put("distill-temperature", distillationTemperature);
        settings.put("balance", gradientBalancing);
        settings.put("uniform-epochs", uniformEpochs);
        settings.put("shallow-first-epochs", shallowFirstEpochs);
        settings.put("layer-dropout", layerDropout);
        settings.put("label-smoothing", labelSmoothing);
        settings.put("weight-decay", weightDecay);
        settings.put("distill-depths", distillationDepths);
        settings.put("distill-reach", distillationReach);
        settings.put("readout-adapter", readoutAdapter);
        settings.put("readout-rank", readoutRank);
        settings.put("readout-pooling", readoutPooling);
        settings.put("calibrate", temperatureCalibration);
        return ExperimentSettings.experiment(settings, name -> "--" + name);
    }

    Path out() {
        return resume != null ? resume : out;
    }

    /** The OUT of {@code --resume}, or null when the fit starts afresh. */
    Path resume() {
        return resume;
    }

    /** When the trainings write checkpoints (into OUT.checkpoint beside --out) and whether this fit resumes from them. */
    ExperimentOutput.Checkpoints checkpoints() {
        if (!(checkpointMinutes >= 0) || Double.isInfinite(checkpointMinutes)) {
            throw new InvalidSettingException("checkpointMinutes", "Checkpoints by time are written every few minutes or, with 0, never;"
                    + " not every " + checkpointMinutes + " minutes.");
        }
        Duration every = checkpointMinutes == 0 ? null : Duration.ofMillis(Math.max(1, Math.round(checkpointMinutes * 60_000)));
        return new ExperimentOutput.Checkpoints(checkpointEvery, every, resume != null);
    }

    boolean overwrite() {
        return overwrite;
    }

    /** The options {@code args} give, with every other option at its default, or picocli's sentence about a bad argument. */
    public static FitOptions parse(String... args) {
        FitOptions options = new FitOptions();
        new picocli.CommandLine(options).setDefaultValueProvider(new LibraryDefaults()).parseArgs(args);
        return options;
    }
}
