package org.lpa4j.cli.fit;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;
import org.lpa4j.api.InvalidSettingException;
import org.lpa4j.api.Lpa4jException;
import org.lpa4j.api.backend.BackendRequest;
import org.lpa4j.api.model.ArchitectureOptions;
import org.lpa4j.api.task.TaskOptions;
import org.lpa4j.api.training.TrainerOptions;
import org.lpa4j.api.training.TrainingConfig;
import org.lpa4j.experiments.Experiment;
import org.lpa4j.experiments.ExperimentOutput;
import org.lpa4j.api.layers.Activation;
import org.lpa4j.api.tensor.DType;
import org.lpa4j.api.training.LearningRateSchedule;
import org.lpa4j.cli.option.BackendOption;
import org.lpa4j.cli.option.SettingFlags;
import org.lpa4j.trainers.lpa.DepthWeighting;
import org.lpa4j.trainers.lpa.DistillationReach;
import org.lpa4j.trainers.lpa.LpaForm;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * Everything one {@code fit} run needs, as a picocli mixin: {@code fit} takes it from the command line, {@code demo}
 * parses its own fixed arguments into one, and {@link #experiment()} maps them to the library's experiment, which checks them.
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
    @Option(names = "--trainer", defaultValue = "lpa,e2e", description = "a comma-separated list of registered trainers: lpa, e2e, separate (one"
            + " end-to-end model per depth, the architecture cut to that many blocks: the \"N separate models\" reference), mgdl (multigrade:"
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
    @Option(names = "--calibrate", description = "LPA per-depth temperatures for classifiers, fitted on the validation split after training")
    Boolean temperatureCalibration;
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


    /** The experiment these options describe; each setting is checked by the library, which names it. */
    Experiment experiment() {
        Experiment.Builder b = Experiment.builder().setTask(task)
                .optTaskOptions(new TaskOptions(seed, examples, limit, context, dtype))
                .setArchitecture(arch, new ArchitectureOptions(depth, width, heads, activation, dtype))
                .optTrainingConfig(TrainingConfig.defaults().withEpochs(epochs).withSeed(seed).withLearningRate(learningRate)
                        .withBatchSize(batchSize).withDType(dtype).withSchedule(schedule).withPatience(patience))
                .optBackend(backend.name() == null ? null : new BackendRequest(backend.name(), "the --backend option"))
                .optSeeds(seeds == null || seeds.isEmpty() ? List.of(seed) : seeds);
        Map<String, Map<String, Object>> options = trainerOptions();
        List<String> names = trainerNames();
        for (Map.Entry<String, Map<String, Object>> e : options.entrySet()) {
            if (!names.contains(e.getKey())) {
                String option = e.getValue().keySet().iterator().next();
                throw new Lpa4jException(SettingFlags.flag(option).orElse("--trainer-option " + e.getKey() + "." + option) + " is an option of the " + e.getKey()
                        + " trainer, which --trainer " + trainer + " does not list; add " + e.getKey() + " to --trainer or leave the option out.");
            }
        }
        names.forEach(n -> b.addTrainer(n, TrainerOptions.of(options.getOrDefault(n, Map.of()))));
        return b.build();
    }

    /** The trainers {@code --trainer} lists, in order and without repeats; {@code both} is {@code lpa,e2e}. */
    private List<String> trainerNames() {
        List<String> names = new ArrayList<>();
        for (String part : trainer.split(",", -1)) {
            for (String name : part.strip().equals("both") ? List.of("lpa", "e2e") : List.of(part.strip())) {
                if (!names.contains(name)) {
                    names.add(name);
                }
            }
        }
        return names;
    }

    /** The trainers' options the flags give: the LPA, separate and multigrade flags, then each {@code --trainer-option}. */
    private Map<String, Map<String, Object>> trainerOptions() {
        Map<String, Map<String, Object>> options = new LinkedHashMap<>();
        BiConsumer<String, Object> lpa = (k, v) -> {
            if (v != null) {
                options.computeIfAbsent("lpa", t -> new LinkedHashMap<>()).put(k, v);
            }
        };
        lpa.accept("form", form);
        lpa.accept("weighting", weighting);
        lpa.accept("distillation", distillation);
        lpa.accept("distillationTemperature", distillationTemperature);
        lpa.accept("gradientBalancing", gradientBalancing);
        lpa.accept("uniformEpochs", uniformEpochs);
        lpa.accept("layerDropout", layerDropout);
        lpa.accept("labelSmoothing", labelSmoothing);
        lpa.accept("weightDecay", weightDecay);
        lpa.accept("distillationDepths", distillationDepths);
        lpa.accept("distillationReach", distillationReach);
        lpa.accept("readoutAdapter", readoutAdapter);
        lpa.accept("temperatureCalibration", temperatureCalibration);
        if (separateDepths != null && !separateDepths.isEmpty()) {
            options.computeIfAbsent("separate", t -> new LinkedHashMap<>()).put("depths", separateDepths);
        }
        if (gradeTolerance != null) {
            options.computeIfAbsent("mgdl", t -> new LinkedHashMap<>()).put("gradeTolerance", gradeTolerance);
        }
        for (String given : trainerOptionArgs == null ? List.<String>of() : trainerOptionArgs) {
            int dot = given.indexOf('.');
            int eq = given.indexOf('=');
            if (dot <= 0 || eq < dot + 2) {
                throw new Lpa4jException("--trainer-option " + given + " is not TRAINER.OPTION=VALUE; e.g. --trainer-option lpa.distillation=0.3.");
            }
            options.computeIfAbsent(given.substring(0, dot), t -> new LinkedHashMap<>()).put(given.substring(dot + 1, eq), given.substring(eq + 1));
        }
        return options;
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
        new picocli.CommandLine(options).parseArgs(args);
        return options;
    }
}
