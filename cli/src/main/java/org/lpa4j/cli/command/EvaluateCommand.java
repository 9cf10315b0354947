package org.lpa4j.cli.command;

import com.google.inject.Inject;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.lpa4j.api.Lpa4jException;
import org.lpa4j.api.backend.Backend;
import org.lpa4j.api.backend.Discovery;
import org.lpa4j.api.data.Metric;
import org.lpa4j.api.inference.AcceptedLoss;
import org.lpa4j.api.model.ProgressiveModel;
import org.lpa4j.api.task.LoadedTask;
import org.lpa4j.api.task.Tasks;
import org.lpa4j.cli.inference.Evaluation;
import org.lpa4j.cli.inference.EvaluationTable;
import org.lpa4j.cli.inference.ExitCostPlot;
import org.lpa4j.api.inference.ModelEvaluation;
import org.lpa4j.cli.option.BackendOption;
import org.lpa4j.cli.option.DepthConverter;
import org.lpa4j.cli.option.SavedModelTask;
import org.lpa4j.cli.output.ReportWriter;
import org.lpa4j.models.LoadedModel;
import org.lpa4j.models.ModelManifest;
import org.lpa4j.models.ModelBundles;
import org.lpa4j.models.Models;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code lpa4j evaluate}: every depth of a saved model on its test split, and an exit policy calibrated and saved into the model. */
@Command(name = "evaluate", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Measure every depth of a saved model on its task's test split (metrics, calibration error, cost, latency),"
                + " calibrate an early-exit policy on the validation split, measure its speedup and save it into the model.")
public final class EvaluateCommand implements Callable<Integer> {
    @picocli.CommandLine.Mixin org.lpa4j.cli.option.ThreadsOption threads;
    private final Tasks tasks;
    private final ReportWriter reports;
    private final Discovery discovery;

    @Spec
    CommandSpec spec;

    @Option(names = "--model", required = true, description = "a saved model folder, e.g. OUT/lpa of 'lpa4j fit --out OUT'")
    Path model;
    @Mixin
    BackendOption backend;
    @Option(names = "--depth", paramLabel = "K", converter = DepthConverter.class, description = "measure the network of the first K"
            + " blocks (depths 1..K); its exit policy is calibrated and shown but not saved, the model's being for all L blocks"
            + " (default: L)")
    Integer depth;
    @Option(names = "--max-loss", description = "the largest metric loss the exit policy may cost: accuracy points for classifiers"
            + " (default " + AcceptedLoss.DEFAULT_POINTS + "), percent of the full depth's error otherwise (default "
            + (int) (AcceptedLoss.DEFAULT_RELATIVE * 100) + ")")
    Double maxLoss;
    @Option(names = "--json", description = "also write every figure to this JSON file")
    Path json;
    @Option(names = "--plot", description = "the PNG of metric against cost (default: MODEL-cost.png beside the model folder)")
    Path plot;
    @Option(names = "--repeats", defaultValue = "15", description = "timed runs per latency figure; the median is reported (default ${DEFAULT-VALUE})")
    int repeats;
    @Option(names = "--no-save", description = "measure and calibrate only: leave the model's saved exit policy as it is")
    boolean noSave;
    @Mixin
    SavedModelTask data;

    /** Saving and loading with the bound architectures and backends. */
    private final ModelBundles bundles;

    @Inject
    EvaluateCommand(Tasks tasks, ReportWriter reports, Discovery discovery, ModelBundles bundles) {
        this.bundles = bundles;
        this.tasks = tasks;
        this.reports = reports;
        this.discovery = discovery;
    }

    @Override
    public Integer call() throws Exception {
        if (repeats < 1) {
            throw new Lpa4jException("--repeats must be at least 1 but is " + repeats + ".");
        }
        ModelManifest manifest = bundles.inspect(model);
        int blocks = depth == null ? manifest.depth() : DepthConverter.within(depth, manifest.depth());
        LoadedTask task = data.load(tasks, manifest, model);
        AcceptedLoss accepted = maxLoss == null ? AcceptedLoss.defaultFor(task.metric()) : AcceptedLoss.inPercent(task.metric(), maxLoss);
        PrintWriter out = spec.commandLine().getOut();
        Evaluation evaluation;
        ModelEvaluation.Result result;
        try (Backend b = backend.open(discovery); LoadedModel loaded = bundles.load(model, b);
             ProgressiveModel measured = loaded.model().truncate(blocks)) {
            result = new ModelEvaluation(repeats).evaluate(measured, manifest.output().kind(), task.data(), task.metric(),
                    task.secondaryMetric(), accepted);
            evaluation = new Evaluation(model.toString(), task.name(), manifest.architecture().name(), b.name(), b.engineVersion(),
                    task.metric().label(), task.secondaryMetric().label(), task.metric().lowerIsBetter(), task.data().test().size(),
                    result.depths(), result.exit(), result.exitNote());
        }
        out.print(EvaluationTable.format(evaluation));
        if (manifest.lineage() != null) {
            out.println(lineage(manifest));
        }
        if (result.calibrated() != null && blocks < manifest.depth()) {
            out.println("  not saved: calibrated for the network of " + blocks + " of the model's " + manifest.depth() + " blocks; 'lpa4j"
                    + " slice --depth " + blocks + "' saves that network, and evaluate on it saves its policy.");
        } else if (result.calibrated() != null && noSave) {
            out.println("  not saved (--no-save): the model keeps " + (manifest.exitPolicy() == null ? "no exit policy" : "the exit policy saved"
                    + " with it before") + ".");
        } else if (result.calibrated() != null) {
            bundles.saveExitPolicy(model, result.calibrated());
            boolean had = manifest.exitPolicy() != null;
            out.println("  saved into " + model.resolve(Models.MANIFEST_FILE) + " (exit_policy" + (had ? ", replacing the policy saved"
                    + " before" : "") + "; weights unchanged; an evaluate of the same model at the same time saves after this one,"
                    + " and the last one saved stays). Pass --no-save to measure without saving.");
        }
        Path png = plot != null ? plot : model.toAbsolutePath().resolveSibling(model.toAbsolutePath().getFileName() + "-cost.png");
        ExitCostPlot.write(evaluation, png);
        out.println("Plot: " + png);
        if (json != null) {
            reports.writeJson(evaluation, json);
            out.println("Figures: " + json);
        }
        out.flush();
        return 0;
    }

    /** Which depths a grown or sliced model shares with its parent. */
    static String lineage(ModelManifest manifest) {
        ModelManifest.Lineage l = manifest.lineage();
        String parent = "the parent model (depth " + l.parentDepth() + ", weights " + l.parentWeightsSha256().substring(0, 12) + ")";
        return ModelManifest.Lineage.GROW.equals(l.step())
                ? "  Depths 1.." + l.parentDepth() + " are those of " + parent + ", unchanged; depths " + (l.parentDepth() + 1) + ".."
                        + manifest.depth() + " were grown onto it."
                : "  Depths 1.." + manifest.depth() + " are those of " + parent + ", " + l.step() + "d.";
    }
}
