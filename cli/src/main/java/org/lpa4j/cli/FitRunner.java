package org.lpa4j.cli;

import com.google.inject.Inject;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.lpa4j.api.Lpa4jException;
import org.lpa4j.api.backend.Backend;
import org.lpa4j.api.data.DataSplits;
import org.lpa4j.api.data.Metric;
import org.lpa4j.api.model.ResidualNetwork;
import org.lpa4j.api.params.ParameterFiles;
import org.lpa4j.api.task.LoadedTask;
import org.lpa4j.api.task.TaskOptions;
import org.lpa4j.api.task.Tasks;
import org.lpa4j.api.tensor.DType;
import org.lpa4j.api.tensor.HostTensor;
import org.lpa4j.api.training.DepthCurve;
import org.lpa4j.api.training.ProgressiveTrainer;
import org.lpa4j.api.training.TrainingConfig;
import org.lpa4j.api.training.TrainingResult;
import org.lpa4j.cli.output.DepthPlot;
import org.lpa4j.cli.output.DepthTable;
import org.lpa4j.cli.output.ProgressListener;
import org.lpa4j.cli.output.ReportWriter;
import org.lpa4j.api.training.DepthReport;
import org.lpa4j.trainers.e2e.E2ETrainer;
import org.lpa4j.trainers.lpa.LpaTrainer;
import org.lpa4j.trainers.multigrade.MultigradeTrainer;

/** Runs one {@code fit}: validates the options, trains each requested trainer, prints the table and writes the outputs. */
final class FitRunner {
    private final Tasks tasks;
    private final ArchitectureCatalog architectures;
    private final ReportWriter reports;
    private final DepthPlot plots;

    @Inject
    FitRunner(Tasks tasks, ArchitectureCatalog architectures, ReportWriter reports, DepthPlot plots) {
        this.tasks = tasks;
        this.architectures = architectures;
        this.reports = reports;
        this.plots = plots;
    }

    /** Trains, prints and writes; returns the report. */
    DepthReport run(FitOptions o, PrintWriter out) throws IOException {
        validate(o);
        Path outDir = prepareOutput(o.out());
        LoadedTask task = tasks.load(o.task(), taskOptions(o));
        DataSplits data = task.data();
        Metric metric = task.metric();
        architectures.create(o.arch(), task, o);
        TrainingConfig config = config(o);
        List<DepthCurve> curves = new ArrayList<>();
        List<DepthCurve> secondary = new ArrayList<>();
        Metric secondaryMetric = task.secondaryMetric();
        String backendName;
        try (Backend backend = BackendOption.open(o.backend())) {
            backendName = backend.name();
            out.printf("Task %s (%d train / %d validation / %d test), %s depth %d width %d, backend %s (%s)%n", o.task(),
                    data.train().size(), data.validation().size(), data.test().size(), o.arch(), o.depth(), o.width(), backend.name(),
                    backend.engineVersion());
            out.flush();
            for (PlannedTrainer planned : trainers(o, task, config)) {
                ProgressiveTrainer trainer = planned.trainer();
                try (ProgressListener progress = new ProgressListener(metric);
                     TrainingResult result = trainer.train(backend, planned.network().get(), data, planned.config(), metric, List.of(progress))) {
                    curves.add(result.test());
                    secondary.add(byDepth(secondaryMetric, trainer.name(), result, data));
                    ParameterFiles.write(result.model().parameters(), outDir.resolve(trainer.name() + "-weights.bin"));
                }
            }
        }
        out.println();
        out.print(DepthTable.format(metric, curves));
        out.println();
        out.print(DepthTable.format(secondaryMetric, secondary));
        DepthReport report = new DepthReport(o.task(), o.arch(), backendName, metric.label(), metric.lowerIsBetter(), o.depth(), o.width(),
                o.epochs(), o.seed(), curves, secondaryMetric.label(), secondary);
        reports.write(report, outDir.resolve("report.json"));
        reports.writeJson(o, outDir.resolve("fit-options.json"));
        for (Map.Entry<String, Object> artifact : task.artifacts().entrySet()) {
            reports.writeJson(artifact.getValue(), outDir.resolve(artifact.getKey()));
        }
        Path plot = outDir.resolve("depth.png");
        plots.write(report, plot);
        out.println();
        out.println("Report: " + outDir.resolve("report.json"));
        out.println("Plot:   " + plot);
        out.flush();
        return report;
    }

    /** {@code metric} on the test split at every depth of a trained model. */
    private static DepthCurve byDepth(Metric metric, String trainer, TrainingResult result, DataSplits data) {
        HostTensor x = data.test().x();
        DType inputType = result.model().network().input().dtype();
        List<HostTensor> predictions = result.model().predictAll(x.dtype().isFloating() ? x.cast(inputType) : x);
        double[] values = new double[predictions.size()];
        for (int l = 0; l < values.length; l++) {
            values[l] = metric.evaluate(predictions.get(l), data.test().y());
        }
        return new DepthCurve(trainer, values, result.test().wallSeconds(), result.test().epochsRun());
    }

    /** A trainer with the network it trains (built when called) and its settings. */
    private record PlannedTrainer(ProgressiveTrainer trainer, Supplier<ResidualNetwork> network, TrainingConfig config) {
    }

    /** The trainers {@code --trainer} names, each with its network and settings; {@code task} null only checks the name. */
    private List<PlannedTrainer> trainers(FitOptions o, LoadedTask task, TrainingConfig config) {
        PlannedTrainer lpa = new PlannedTrainer(new LpaTrainer(o.form(), o.weighting()), () -> architectures.create(o.arch(), task, o), config);
        PlannedTrainer e2e = new PlannedTrainer(new E2ETrainer(), () -> architectures.create(o.arch(), task, o), config);
        switch (o.trainer()) {
            case "lpa":
                return List.of(lpa);
            case "e2e":
                return List.of(e2e);
            case "both":
                return List.of(lpa, e2e);
            case "mgdl":
                MultigradeTrainer mgdl = o.gradeTolerance() == null ? MultigradeTrainer.allGrades() : MultigradeTrainer.adaptive(o.gradeTolerance());
                return List.of(new PlannedTrainer(mgdl, () -> MultigradeFit.network(task, o), MultigradeFit.perGrade(config, o.depth())));
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
        if (o.width() <= 0) {
            throw new Lpa4jException("--width must be positive but is " + o.width() + ".");
        }
        if (o.patience() < 0) {
            throw new Lpa4jException("--patience must be 0 (never stop early) or positive but is " + o.patience() + ".");
        }
        if (o.epochs() <= 0) {
            throw new Lpa4jException("--epochs must be positive but is " + o.epochs() + ".");
        }
        trainers(o, null, config(o));
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

    private static Path prepareOutput(Path dir) {
        try {
            Files.createDirectories(dir);
            Path probe = Files.createTempFile(dir, ".write-check", ".tmp");
            Files.delete(probe);
            return dir;
        } catch (IOException | SecurityException e) {
            throw new Lpa4jException("Cannot write to the output directory " + dir + " (" + e.getClass().getSimpleName() + ": "
                    + e.getMessage() + "). Choose a writable directory with --out.");
        }
    }
}
