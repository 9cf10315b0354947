package org.lpa4j.cli;

import com.google.inject.Inject;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.lpa4j.api.Lpa4jException;
import org.lpa4j.api.backend.Backend;
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
import org.lpa4j.api.training.DepthCurve;
import org.lpa4j.api.training.DepthReport;
import org.lpa4j.api.training.ProgressiveTrainer;
import org.lpa4j.api.training.TrainingConfig;
import org.lpa4j.api.training.TrainingResult;
import org.lpa4j.cli.output.DepthPlot;
import org.lpa4j.cli.output.DepthTable;
import org.lpa4j.cli.output.ProgressListener;
import org.lpa4j.cli.output.ReportWriter;
import org.lpa4j.models.DataFingerprint;
import org.lpa4j.models.ModelInfo;
import org.lpa4j.models.Models;
import org.lpa4j.trainers.e2e.E2ETrainer;
import org.lpa4j.trainers.lpa.LpaTrainer;
import org.lpa4j.trainers.multigrade.MultigradeTrainer;

/**
 * Runs one {@code fit}: validates the options, trains each requested trainer, prints the table and writes the outputs:
 * {@code report.json}, {@code depth.png} and one saved model per trainer ({@code lpa/}, {@code e2e/}, {@code mgdl/}),
 * into {@code --out} as a whole (nothing there until the run is complete; an existing result kept unless {@code --overwrite}).
 */
final class FitRunner {
    /** The deepest network fit accepts. */
    static final int MAX_DEPTH = 1024;
    /** The widest network fit accepts. */
    static final int MAX_WIDTH = 16384;
    /** The most epochs fit accepts. */
    static final int MAX_EPOCHS = 1_000_000;
    /** The most parameters fit trains: a gigabyte of float32 weights, four with gradients and Adam's two moments. */
    static final long MAX_PARAMETERS = 1L << 28;
    private final Tasks tasks;
    private final ReportWriter reports;
    private final DepthPlot plots;
    private final Architectures architectures;

    @Inject
    FitRunner(Tasks tasks, Architectures architectures, ReportWriter reports, DepthPlot plots) {
        this.tasks = tasks;
        this.architectures = architectures;
        this.reports = reports;
        this.plots = plots;
    }

    /** Trains, prints and writes; returns the report. */
    DepthReport run(FitOptions o, PrintWriter out) throws IOException {
        validate(o);
        Path outDir = o.out().toAbsolutePath().normalize();
        LoadedTask task = tasks.load(o.task(), taskOptions(o));
        ResidualNetwork network = network(o, task);
        requireWritableParent(outDir);
        if (!o.overwrite() && AtomicDirectories.isOccupied(outDir)) {
            throw occupied(outDir);
        }
        DepthReport[] report = new DepthReport[1];
        try {
            AtomicDirectories.write(outDir, o.overwrite(), staging -> report[0] = trainAndWrite(o, task, network, staging, out));
        } catch (FolderExistsException e) {
            throw occupied(outDir);
        } catch (FolderLockedException e) {
            throw new Lpa4jException("Another run is writing --out " + outDir + " right now; wait for it to finish or choose another --out.", e);
        }
        out.println();
        out.println("Report: " + outDir.resolve("report.json"));
        out.println("Plot:   " + outDir.resolve("depth.png"));
        out.println("Models: " + String.join(", ", trainers(o, null, null, config(o)).stream().map(t -> outDir.resolve(t.trainer().name()).toString()).toList()));
        out.flush();
        return report[0];
    }

    private DepthReport trainAndWrite(FitOptions o, LoadedTask task, ResidualNetwork network, Path dir, PrintWriter out) throws IOException {
        DataSplits data = task.data();
        Metric metric = task.metric();
        Metric secondaryMetric = task.secondaryMetric();
        String dataSha256 = DataFingerprint.sha256(data);
        List<DepthCurve> curves = new ArrayList<>();
        List<DepthCurve> secondary = new ArrayList<>();
        String backendName;
        try (Backend backend = BackendOption.open(o.backend())) {
            backendName = backend.name();
            out.printf("Task %s (%d train / %d validation / %d test), %s depth %d width %d, backend %s (%s)%n", o.task(),
                    data.train().size(), data.validation().size(), data.test().size(), o.arch(), o.depth(), o.width(), backend.name(),
                    backend.engineVersion());
            out.flush();
            for (PlannedTrainer planned : trainers(o, task, network, config(o))) {
                ProgressiveTrainer trainer = planned.trainer();
                try (ProgressListener progress = new ProgressListener(metric);
                     TrainingResult result = trainer.train(backend, planned.network().get(), data, planned.config(), metric, List.of(progress))) {
                    curves.add(result.test());
                    DepthCurve secondaryTest = byDepth(secondaryMetric, trainer.name(), result, data.test());
                    secondary.add(secondaryTest);
                    ModelInfo.Builder info = ModelInfo.builder().setTask(task.shape()).optTrainer(trainer.name(), planned.form(),
                            planned.weighting()).optConfig(planned.config()).optBackend(backend).optDataset(o.task(), dataSha256)
                            .optTaskOptions(taskOptions(o)).optPreprocessing(task.preprocessing())
                            .optMetric(metric.label(), metric.lowerIsBetter(), byDepth(metric, trainer.name(), result, data.validation()).values(),
                                    result.test().values())
                            .optMetric(secondaryMetric.label(), secondaryMetric.lowerIsBetter(),
                                    byDepth(secondaryMetric, trainer.name(), result, data.validation()).values(), secondaryTest.values());
                    if (task.labels() != null) {
                        info.optLabels(task.labels());
                    }
                    Models.save(result.model(), info.build(), dir.resolve(trainer.name()));
                }
            }
        }
        out.println();
        out.print(DepthTable.format(metric, curves));
        out.println();
        out.print(DepthTable.format(secondaryMetric, secondary));
        DepthReport report = new DepthReport(o.task(), o.arch(), backendName, metric.label(), metric.lowerIsBetter(), o.depth(), o.width(),
                o.epochs(), o.seed(), curves, secondaryMetric.label(), secondary);
        reports.write(report, dir.resolve("report.json"));
        plots.write(report, dir.resolve("depth.png"));
        return report;
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

    /**
     * The trainers {@code --trainer} names, each with its network and settings: LPA and E2E share {@code network} (a
     * network is a description; each training initialises its own weights), multigrade builds its stair network.
     * With {@code task} and {@code network} null it only checks the name.
     */
    private List<PlannedTrainer> trainers(FitOptions o, LoadedTask task, ResidualNetwork network, TrainingConfig config) {
        PlannedTrainer lpa = new PlannedTrainer(new LpaTrainer(o.form(), o.weighting()), () -> network, config, o.form().name(),
                o.weighting().name());
        PlannedTrainer e2e = new PlannedTrainer(new E2ETrainer(), () -> network, config, null, null);
        switch (o.trainer()) {
            case "lpa":
                return List.of(lpa);
            case "e2e":
                return List.of(e2e);
            case "both":
                return List.of(lpa, e2e);
            case "mgdl":
                MultigradeTrainer mgdl = o.gradeTolerance() == null ? MultigradeTrainer.allGrades() : MultigradeTrainer.adaptive(o.gradeTolerance());
                return List.of(new PlannedTrainer(mgdl, () -> MultigradeFit.network(task, o), MultigradeFit.perGrade(config, o.depth()), null, null));
            default:
                throw new Lpa4jException("Unknown trainer '" + o.trainer() + "'. Use lpa, e2e, both or mgdl.");
        }
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
        trainers(o, null, null, config(o));
        taskOptions(o);
    }

    /** The training settings among the options. */
    private static TrainingConfig config(FitOptions o) {
        return TrainingConfig.defaults().withEpochs(o.epochs()).withSeed(o.seed()).withLearningRate(o.learningRate())
                .withBatchSize(o.batchSize()).withDType(o.dtype()).withSchedule(o.schedule()).withPatience(o.patience());
    }

    /** The task settings among the options. */
    private static TaskOptions taskOptions(FitOptions o) {
        return new TaskOptions(o.seed(), o.examples(), o.limit(), o.context(), o.dtype());
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
