package org.lpa4j.cli.fit;

import com.google.inject.Inject;
import java.io.File;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Supplier;
import org.lpa4j.api.Lpa4jException;
import org.lpa4j.api.backend.Backend;
import org.lpa4j.api.backend.Discovery;
import org.lpa4j.api.data.DataSplits;
import org.lpa4j.api.data.Metric;
import org.lpa4j.api.data.TensorDataset;
import org.lpa4j.api.io.AtomicDirectories;
import org.lpa4j.api.io.FolderExistsException;
import org.lpa4j.api.io.FolderLockedException;
import org.lpa4j.api.model.ArchitectureOptions;
import org.lpa4j.api.model.ArchitectureProvider;
import org.lpa4j.api.model.Architectures;
import org.lpa4j.api.model.ProgressiveModel;
import org.lpa4j.api.model.ResidualNetwork;
import org.lpa4j.api.task.LoadedTask;
import org.lpa4j.api.task.TaskOptions;
import org.lpa4j.api.task.Tasks;
import org.lpa4j.api.tensor.DType;
import org.lpa4j.api.tensor.HostTensor;
import org.lpa4j.api.training.Checkpointing;
import org.lpa4j.api.training.DepthCurve;
import org.lpa4j.api.training.DepthGap;
import org.lpa4j.api.training.DepthReport;
import org.lpa4j.api.training.ProgressiveTrainer;
import org.lpa4j.api.training.ResidualTarget;
import org.lpa4j.api.training.SeedsReport;
import org.lpa4j.api.training.TrainingConfig;
import org.lpa4j.api.training.TrainingResult;
import org.lpa4j.cli.option.BackendOption;
import org.lpa4j.cli.output.DepthPlot;
import org.lpa4j.cli.output.DepthTable;
import org.lpa4j.cli.output.ProgressListener;
import org.lpa4j.cli.output.ReportWriter;
import org.lpa4j.models.DataFingerprint;
import org.lpa4j.models.ModelInfo;
import org.lpa4j.models.Models;
import org.lpa4j.trainers.e2e.E2ETrainer;
import org.lpa4j.trainers.multigrade.MultigradeTrainer;
import org.lpa4j.trainers.separate.SeparateDepthsTrainer;
import org.lpa4j.trainers.separate.SeparateModels;

/**
 * Runs one {@code fit}: validates the options, trains each requested trainer, prints the table and writes the outputs:
 * {@code report.json}, {@code depth.png} and one saved model per trainer ({@code lpa/}, {@code e2e/}, {@code mgdl/}),
 * into {@code --out} as a whole (nothing there until the run is complete; an existing result kept unless {@code --overwrite}).
 */
public final class FitRunner {
    /** The deepest network fit accepts. */
    static final int MAX_DEPTH = 1024;
    /** The widest network fit accepts. */
    static final int MAX_WIDTH = 16384;
    /** The most epochs fit accepts. */
    static final int MAX_EPOCHS = 1_000_000;
    /** The most parameters fit trains: a gigabyte of float32 weights, four with gradients and Adam's two moments. */
    static final long MAX_PARAMETERS = 1L << 28;
    /** The trainers {@code --trainer} may list. */
    private static final List<String> TRAINERS = List.of("lpa", "e2e", SeparateDepthsTrainer.NAME, "mgdl");
    private final Tasks tasks;
    private final ReportWriter reports;
    private final DepthPlot plots;
    private final Architectures architectures;
    private final Discovery backends;

    @Inject
    FitRunner(Tasks tasks, Architectures architectures, Discovery backends, ReportWriter reports, DepthPlot plots) {
        this.tasks = tasks;
        this.backends = backends;
        this.architectures = architectures;
        this.reports = reports;
        this.plots = plots;
    }

    /** Trains, prints and writes. */
    public void run(FitOptions o, PrintWriter out) throws IOException {
        validate(o);
        Path outDir = o.out().toAbsolutePath().normalize();
        LoadedTask task = tasks.load(o.task(), taskOptions(o, o.seeds().get(0)));
        ResidualNetwork network = network(o, task);
        requireWritableParent(outDir);
        if (!o.overwrite() && AtomicDirectories.isOccupied(outDir)) {
            throw occupied(outDir);
        }
        FitCheckpoints checkpoints = FitCheckpoints.of(o, outDir);
        try {
            AtomicDirectories.write(outDir, o.overwrite(), staging -> trainAndWrite(o, task, network, staging, out, checkpoints));
            checkpoints.delete();
        } catch (FolderExistsException e) {
            throw occupied(outDir);
        } catch (FolderLockedException e) {
            throw new Lpa4jException("Another run is writing --out " + outDir + " right now; wait for it to finish or choose another --out.", e);
        }
        out.println();
        out.println("Report: " + outDir.resolve("report.json"));
        out.println("Plot:   " + outDir.resolve("depth.png"));
        out.println("Models: " + (o.seeds().size() == 1 ? "" : outDir.resolve("seed-S") + File.separator + " for each seed S: ")
                + String.join(", ", trainerNames(o.trainer()).stream().map(t -> t.equals(SeparateDepthsTrainer.NAME)
                        ? t + File.separator + "depth-K" : t).toList()));
        out.flush();
    }

    /** Runs the comparison for every seed, then prints the table and writes the report and the plot: one seed's own, or the seeds' means and spreads. */
    private void trainAndWrite(FitOptions o, LoadedTask firstTask, ResidualNetwork network, Path dir, PrintWriter out,
                               FitCheckpoints checkpoints) throws IOException {
        List<Long> seeds = o.seeds();
        List<DepthReport> runs = new ArrayList<>();
        try (Backend backend = BackendOption.open(backends, o.backend())) {
            for (long seed : seeds) {
                LoadedTask task = runs.isEmpty() ? firstTask : tasks.load(o.task(), taskOptions(o, seed));
                if (seeds.size() > 1) {
                    out.printf("%nSeed %d (%d of %d)%n", seed, runs.size() + 1, seeds.size());
                }
                DepthReport run = trainSeed(o, seed, task, network, backend, seeds.size() == 1 ? dir : dir.resolve("seed-" + seed), out,
                        checkpoints);
                runs.add(run);
                if (seeds.size() > 1) {
                    out.println();
                    out.print(DepthTable.format(firstTask.metric(), run.trainers(), run.gaps()));
                    out.flush();
                }
            }
        }
        Metric metric = firstTask.metric();
        Metric secondaryMetric = firstTask.secondaryMetric();
        out.println();
        if (runs.size() == 1) {
            DepthReport report = runs.get(0);
            out.print(DepthTable.format(metric, report.trainers(), report.gaps()));
            out.println();
            out.print(DepthTable.format(secondaryMetric, report.secondary(), List.of()));
            reports.write(report, dir.resolve("report.json"));
            plots.write(report, dir.resolve("depth.png"));
        } else {
            SeedsReport summary = SeedsReport.of(runs);
            out.print(DepthTable.format(metric, seeds, summary.trainers(), summary.gaps()));
            out.println();
            out.print(DepthTable.format(secondaryMetric, seeds, summary.secondary(), List.of()));
            reports.writeJson(summary, dir.resolve("report.json"));
            plots.write(summary, dir.resolve("depth.png"));
        }
    }

    /** One seed's comparison: every trainer of {@code --trainer} trained, its model saved under {@code dir}; the seed's report. */
    private DepthReport trainSeed(FitOptions o, long seed, LoadedTask task, ResidualNetwork network, Backend backend, Path dir, PrintWriter out,
                                  FitCheckpoints checkpoints) {
        DataSplits data = task.data();
        Metric metric = task.metric();
        Metric secondaryMetric = task.secondaryMetric();
        String dataSha256 = DataFingerprint.sha256(data);
        TrainingConfig config = config(o).withSeed(seed);
        List<DepthCurve> curves = new ArrayList<>();
        List<DepthCurve> secondary = new ArrayList<>();
        out.printf("Task %s (%d train / %d validation / %d test), %s depth %d width %d, backend %s (%s), seed %d%n", o.task(),
                data.train().size(), data.validation().size(), data.test().size(), o.arch(), o.depth(), o.width(), backend.name(),
                backend.engineVersion(), seed);
        out.flush();
        SavedRun saved = new SavedRun(task, taskOptions(o, seed), backend, o.task(), dataSha256, metric, secondaryMetric);
        for (PlannedTrainer planned : trainers(o, task, network, config)) {
            ProgressiveTrainer trainer = planned.trainer();
            try (ProgressListener progress = new ProgressListener(metric);
                 TrainingResult result = trainer.train(backend, planned.network().get(), data, planned.config(), metric, List.of(progress),
                         checkpoints.of(seed, trainer.name()))) {
                curves.add(result.test());
                secondary.add(saved.save(result, trainer.name(), planned, dir.resolve(trainer.name())));
            }
        }
        List<DepthGap> gaps = new ArrayList<>();
        if (trainerNames(o.trainer()).contains(SeparateDepthsTrainer.NAME)) {
            DepthCurve column = separateColumn(o, network, data, config, backend, saved, dir, curves, secondary, out,
                    checkpoints.of(seed, SeparateDepthsTrainer.NAME));
            curves.stream().filter(c -> c.trainer().equals("lpa")).findFirst().ifPresent(lpa -> gaps.add(DepthGap.between(lpa, column)));
        }
        return new DepthReport(o.task(), o.arch(), backend.name(), metric.label(), metric.lowerIsBetter(), o.depth(), o.width(),
                o.epochs(), seed, curves, secondaryMetric.label(), secondary, gaps);
    }

    /**
     * Trains the separate models of {@code --separate-depths} (every depth by default), saves each under
     * {@code separate/depth-K}, and adds their column to {@code curves} and {@code secondary}; returns the column. The
     * depth-L model is the E2E model itself (the same network, seed and loss), so when E2E was trained it is not trained again.
     */
    private DepthCurve separateColumn(FitOptions o, ResidualNetwork network, DataSplits data, TrainingConfig config, Backend backend,
                                      SavedRun saved, Path dir, List<DepthCurve> curves, List<DepthCurve> secondary, PrintWriter out,
                                      Checkpointing checkpoints) {
        int[] depths = new SeparateDepthsTrainer(o.separateDepths().stream().mapToInt(Integer::intValue).toArray()).depthsFor(network);
        List<DepthCurve> perDepth = new ArrayList<>();
        List<DepthCurve> perDepthSecondary = new ArrayList<>();
        int e2e = curves.stream().map(DepthCurve::trainer).toList().indexOf("e2e");
        if (e2e >= 0 && depths[depths.length - 1] == network.depth()) {
            depths = Arrays.copyOf(depths, depths.length - 1);
            perDepth.add(curves.get(e2e));
            perDepthSecondary.add(secondary.get(e2e));
        }
        if (depths.length > 0) {
            out.printf("Separate end-to-end models of depth %s%n", Arrays.toString(depths));
            out.flush();
            try (ProgressListener progress = new ProgressListener(saved.metric());
                 SeparateModels models = new SeparateDepthsTrainer(depths).train(backend, network, data, config, saved.metric(), List.of(progress),
                         checkpoints)) {
                for (TrainingResult result : models.models()) {
                    PlannedTrainer planned = new PlannedTrainer(new E2ETrainer(), result.model()::network, config, null, null);
                    perDepth.add(result.test());
                    perDepthSecondary.add(saved.save(result, planned.trainer().name(), planned,
                            dir.resolve(SeparateDepthsTrainer.NAME).resolve("depth-" + result.model().depth())));
                }
            }
        }
        DepthCurve column = SeparateDepthsTrainer.column(network.depth(), perDepth);
        curves.add(column);
        secondary.add(SeparateDepthsTrainer.column(network.depth(), perDepthSecondary));
        return column;
    }

    /** Saves trained models with their provenance and metrics, for one seed's run on one task and backend. */
    private record SavedRun(LoadedTask task, TaskOptions taskOptions, Backend backend, String taskName, String dataSha256, Metric metric, Metric secondaryMetric) {

        /** Saves {@code result}'s model to {@code dir}; returns its second metric on the test split at every depth. */
        DepthCurve save(TrainingResult result, String trainer, PlannedTrainer planned, Path dir) {
            DataSplits data = task.data();
            DepthCurve secondaryTest = byDepth(secondaryMetric, trainer, result, data.test());
            ModelInfo.Builder info = ModelInfo.builder().setTask(task.shape()).optTrainer(trainer, planned.form(), planned.weighting())
                    .optTrainerOptions(planned.trainer().options().isEmpty() ? null : planned.trainer().options())
                    .optConfig(planned.config()).optBackend(backend).optDataset(taskName, dataSha256)
                    .optTaskOptions(taskOptions).optPreprocessing(task.preprocessing())
                    .optMetric(metric.label(), metric.lowerIsBetter(), byDepth(metric, trainer, result, data.validation()).values(),
                            result.test().values())
                    .optMetric(secondaryMetric.label(), secondaryMetric.lowerIsBetter(),
                            byDepth(secondaryMetric, trainer, result, data.validation()).values(), secondaryTest.values());
            if (task.labels() != null) {
                info.optLabels(task.labels());
            }
            Models.save(result.model(), info.build(), dir);
            return secondaryTest;
        }
    }

    /** A fresh network of {@code --arch} for the task, or a sentence naming the architectures that fit it. */
    private ResidualNetwork network(FitOptions o, LoadedTask task) {
        ArchitectureProvider provider = architectures.require(o.arch());
        String why = provider.incompatibility(task.shape());
        if (why != null) {
            throw new Lpa4jException("Architecture '" + o.arch() + "' does not fit task " + task.name() + " (" + why + "). Use --arch "
                    + String.join(" or ", architectures.namesFitting(task.shape())) + ".");
        }
        ResidualNetwork network = provider.create(task.shape(), new ArchitectureOptions(o.depth(), o.width(), o.heads(), o.activation(), o.dtype()));
        long parameters = 0;
        for (var spec : network.parameters()) {
            parameters = Math.addExact(parameters, spec.shape().size());
        }
        if (parameters > MAX_PARAMETERS) {
            throw new Lpa4jException("A " + o.arch() + " of --depth " + o.depth() + " and --width " + o.width() + " has " + parameters
                    + " parameters, more than the " + MAX_PARAMETERS + " that lpa4j trains on a CPU (their weights, gradients and"
                    + " optimizer state would not fit in memory); lower --width or --depth.");
        }
        return network;
    }

    /** {@code metric} on {@code split} at every depth of a trained model. */
    private static DepthCurve byDepth(Metric metric, String trainer, TrainingResult result, TensorDataset split) {
        ProgressiveModel model = result.model();
        HostTensor x = split.x();
        DType inputType = model.network().input().dtype();
        List<HostTensor> predictions = model.predictAll(x.dtype().isFloating() ? x.cast(inputType) : x);
        double[] values = new double[predictions.size()];
        for (int l = 0; l < values.length; l++) {
            values[l] = metric.evaluate(predictions.get(l), split.y());
        }
        return new DepthCurve(trainer, values, result.test().wallSeconds(), result.test().epochsRun());
    }

    /** A trainer with the network it trains (built when called), its settings, and the LPA form and weighting it records (null for others). */
    private record PlannedTrainer(ProgressiveTrainer trainer, Supplier<ResidualNetwork> network, TrainingConfig config, String form,
                                  String weighting) {
    }

    /** The names {@code --trainer} lists, in order and without repeats ({@code both} is {@code lpa,e2e}), or a sentence about an unknown one. */
    static List<String> trainerNames(String trainer) {
        List<String> names = new ArrayList<>();
        for (String part : trainer.split(",", -1)) {
            String name = part.strip();
            List<String> meant = name.equals("both") ? List.of("lpa", "e2e") : List.of(name);
            for (String m : meant) {
                if (!TRAINERS.contains(m)) {
                    throw new Lpa4jException("Unknown trainer '" + name + "' in --trainer " + trainer + ". Use lpa, e2e, separate, both or mgdl,"
                            + " or a comma-separated list such as lpa,e2e,separate.");
                }
                if (!names.contains(m)) {
                    names.add(m);
                }
            }
        }
        return names;
    }

    /**
     * The trainers {@code --trainer} names that train one network each (the separate models are trained apart), each with
     * its network and settings: LPA and E2E share {@code network} (a network is a description; each training initialises
     * its own weights), multigrade builds its stair network. With {@code task} and {@code network} null it only checks the names.
     */
    private List<PlannedTrainer> trainers(FitOptions o, LoadedTask task, ResidualNetwork network, TrainingConfig config) {
        List<PlannedTrainer> planned = new ArrayList<>();
        for (String name : trainerNames(o.trainer())) {
            switch (name) {
                case "lpa" -> planned.add(new PlannedTrainer(o.lpaTrainer(), () -> network, config, o.form().name(),
                        task == null ? null : o.weighting().resolve(ResidualTarget.of(task.data().train())).name()));
                case "e2e" -> planned.add(new PlannedTrainer(new E2ETrainer(), () -> network, config, null, null));
                case "mgdl" -> {
                    MultigradeTrainer mgdl = o.gradeTolerance() == null ? MultigradeTrainer.allGrades() : MultigradeTrainer.adaptive(o.gradeTolerance());
                    planned.add(new PlannedTrainer(mgdl, () -> MultigradeFit.network(architectures, task, o), MultigradeFit.perGrade(config, o.depth()), null, null));
                }
                default -> {
                    // the separate models: trained after the others, see trainSeed
                }
            }
        }
        return planned;
    }

    private void validate(FitOptions o) {
        tasks.requireKnown(o.task());
        architectures.require(o.arch());
        if (o.depth() <= 0) {
            throw new Lpa4jException("--depth must be at least 1 but is " + o.depth() + ".");
        }
        if (o.depth() > MAX_DEPTH) {
            throw new Lpa4jException("--depth must be between 1 and " + MAX_DEPTH + " but is " + o.depth() + " (every depth is a readout that"
                    + " training evaluates, so a deeper network would run for hours before its first epoch ends).");
        }
        if (o.width() <= 0) {
            throw new Lpa4jException("--width must be positive but is " + o.width() + ".");
        }
        if (o.width() > MAX_WIDTH) {
            throw new Lpa4jException("--width must be at most " + MAX_WIDTH + " but is " + o.width() + ".");
        }
        if (o.epochs() > MAX_EPOCHS) {
            throw new Lpa4jException("--epochs must be at most " + MAX_EPOCHS + " but is " + o.epochs() + ".");
        }
        if (o.patience() < 0) {
            throw new Lpa4jException("--patience must be 0 (never stop early) or positive but is " + o.patience() + ".");
        }
        if (o.epochs() <= 0) {
            throw new Lpa4jException("--epochs must be positive but is " + o.epochs() + ".");
        }
        if (o.out() == null || o.out().toString().isBlank()) {
            throw new Lpa4jException("--out must name a folder for the results, not an empty path; e.g. --out out/run.");
        }
        if (o.out().toAbsolutePath().normalize().getParent() == null) {
            throw new Lpa4jException("--out " + o.out() + " is the file system's root; name a folder of its own, e.g. --out out/run.");
        }
        // The LPA trainer checks its own options (distillation, temperature, uniform epochs, layer dropout) as it is built here.
        trainers(o, null, null, config(o));
        if (!o.separateDepths().isEmpty() && !trainerNames(o.trainer()).contains(SeparateDepthsTrainer.NAME)) {
            throw new Lpa4jException("--separate-depths chooses the depths of the separate models; add separate to --trainer (e.g. --trainer"
                    + " lpa,e2e,separate) or leave it out.");
        }
        for (int k : o.separateDepths()) {
            if (k < 1 || k > o.depth()) {
                throw new Lpa4jException("--separate-depths must lie between 1 and --depth " + o.depth() + ", but lists " + k + ".");
            }
        }
        if (o.seeds().stream().distinct().count() != o.seeds().size()) {
            throw new Lpa4jException("--seeds lists a seed twice (" + o.seeds() + "); give each seed once.");
        }
        taskOptions(o, o.seed());
    }

    /** The training settings among the options. */
    private static TrainingConfig config(FitOptions o) {
        return TrainingConfig.defaults().withEpochs(o.epochs()).withSeed(o.seed()).withLearningRate(o.learningRate())
                .withBatchSize(o.batchSize()).withDType(o.dtype()).withSchedule(o.schedule()).withPatience(o.patience());
    }

    /** The task settings among the options. */
    private static TaskOptions taskOptions(FitOptions o, long seed) {
        return new TaskOptions(seed, o.examples(), o.limit(), o.context(), o.dtype());
    }

    private static Lpa4jException occupied(Path dir) {
        return new Lpa4jException("--out " + dir + " already holds results; they are kept. Choose another --out, or pass --overwrite to"
                + " replace them as a whole.");
    }

    /** Fails before any training when the folder that will hold {@code dir} cannot be written. */
    private static void requireWritableParent(Path dir) {
        try {
            Path parent = Files.createDirectories(dir.getParent());
            Path probe = Files.createTempFile(parent, ".write-check", ".tmp");
            Files.delete(probe);
        } catch (IOException | SecurityException e) {
            throw new Lpa4jException("Cannot write to the output directory " + dir + " (" + e.getClass().getSimpleName() + ": "
                    + e.getMessage() + "). Choose a writable directory with --out.");
        }
    }
}
