package org.lpa4j.cli.command;

import com.google.inject.Inject;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.lpa4j.api.Lpa4jException;
import org.lpa4j.api.backend.Backend;
import org.lpa4j.api.backend.Discovery;
import org.lpa4j.api.data.Metric;
import org.lpa4j.api.data.OutputKind;
import org.lpa4j.api.inference.AcceptedLoss;
import org.lpa4j.api.inference.EarlyExit;
import org.lpa4j.api.inference.ExitCalibration;
import org.lpa4j.api.inference.ExitPolicy;
import org.lpa4j.api.inference.ExitResult;
import org.lpa4j.api.task.LoadedTask;
import org.lpa4j.api.task.Tasks;
import org.lpa4j.api.tensor.HostTensor;
import org.lpa4j.cli.inference.InputFiles;
import org.lpa4j.cli.inference.PredictionCsv;
import org.lpa4j.cli.option.BackendOption;
import org.lpa4j.cli.option.DepthConverter;
import org.lpa4j.cli.option.SavedModelTask;
import org.lpa4j.models.LoadedModel;
import org.lpa4j.models.ModelManifest;
import org.lpa4j.models.ModelBundles;
import org.lpa4j.models.Models;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code lpa4j predict}: a saved model on new inputs, at a fixed depth or with early exit, one CSV line per input. */
@Command(name = "predict", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Run a saved model on new inputs with early exit (--exit auto) or at a fixed depth (--depth K), and write one CSV line per input with"
                + " its prediction and the depth it left at. Inputs in the task's raw form (grey images as an IDX file, image files or a"
                + " folder of them; texts one per line in a .txt file), prepared as in training, or a CSV file of network inputs.")
public final class PredictCommand implements Callable<Integer> {
    @picocli.CommandLine.Mixin org.lpa4j.cli.option.ThreadsOption threads;
    private final Tasks tasks;
    private final Discovery discovery;

    @Spec
    CommandSpec spec;

    @Option(names = "--model", required = true, description = "a saved model folder, e.g. OUT/lpa of 'lpa4j fit --out OUT'")
    Path model;
    @Option(names = "--input", required = true, description = "raw inputs: an IDX image file (raw or gzipped), a PNG/JPEG/GIF/BMP"
            + " image or a folder of them, a .txt file of texts (one per line); or a .csv file of network inputs, one example per line")
    Path input;
    @Option(names = "--depth", paramLabel = "K", converter = DepthConverter.class, description = "read out every input at depth K (the"
            + " network of the first K blocks, 1..L) instead of exiting early (default: --exit auto)")
    Integer depth;
    @Option(names = "--exit", paramLabel = "auto|none", description = "auto: each input leaves at the depth the early-exit policy picks"
            + " (the policy saved by evaluate, or one calibrated now on the task's validation split when --max-loss is given or none is"
            + " saved); none: every input runs all L blocks (default: auto, or none with --depth)")
    String exit;
    @Option(names = "--max-loss", description = "with --exit auto: calibrate for this loss (accuracy points, or percent of the error)")
    Double maxLoss;
    @Option(names = "--out", required = true, description = "the CSV file to write; an existing file is kept unless --overwrite")
    Path out;
    @Option(names = "--overwrite", description = "replace an existing --out file")
    boolean overwrite;
    @Mixin
    SavedModelTask data;
    @Mixin
    BackendOption backend;

    /** Saving and loading with the bound architectures and backends. */
    private final ModelBundles bundles;

    @Inject
    PredictCommand(Tasks tasks, Discovery discovery, ModelBundles bundles) {
        this.bundles = bundles;
        this.tasks = tasks;
        this.discovery = discovery;
    }

    @Override
    public Integer call() throws Exception {
        checkChoices();
        org.lpa4j.api.io.AtomicFiles.checkWritable(out);
        if (Files.exists(out) && !overwrite) {
            throw new Lpa4jException("The file " + out + " already exists; choose another --out, or pass --overwrite to replace it.");
        }
        ModelManifest manifest = bundles.inspect(model);
        if (manifest.output().kind() == OutputKind.NEXT_TOKEN) {
            throw new Lpa4jException("The model in " + model + " predicts the next token at every position; continue text with 'lpa4j generate'.");
        }
        if (depth != null) {
            DepthConverter.within(depth, manifest.depth());
        }
        PrintWriter console = spec.commandLine().getOut();
        try (Backend b = backend.open(discovery); LoadedModel loaded = bundles.load(model, b)) {
            HostTensor x = InputFiles.read(input, loaded);
            ExitPolicy policy = policy(loaded, manifest);
            ExitResult result = new EarlyExit(loaded.model(), policy).run(x);
            PredictionCsv.write(out, result, manifest.output().kind(), manifest.output().labels());
            console.printf(Locale.ROOT, "%d predictions (%s; mean depth %.3f of %d) written to %s%n", x.shape().dim(0), policy.describe(),
                    result.meanDepth(), manifest.depth(), out);
        }
        console.flush();
        return 0;
    }

    /** {@code --depth}, {@code --exit} and {@code --max-loss} together name one way to choose the depth, or a sentence says why not. */
    private void checkChoices() {
        if (exit != null && !exit.equals("auto") && !exit.equals("none")) {
            throw new Lpa4jException("--exit is auto (each input leaves at the depth the early-exit policy picks) or none (every input runs"
                    + " all blocks) but is '" + exit + "'.");
        }
        if (depth != null && "auto".equals(exit)) {
            throw new Lpa4jException("--depth " + depth + " reads out every input at one depth and --exit auto lets each input leave at its"
                    + " own; give one of them.");
        }
        if ((depth != null || "none".equals(exit)) && maxLoss != null) {
            throw new Lpa4jException("--max-loss calibrates the early-exit policy of --exit auto, which " + (depth != null ? "--depth "
                    + depth : "--exit none") + " does not use; drop --max-loss.");
        }
    }

    private ExitPolicy policy(LoadedModel loaded, ModelManifest manifest) {
        if (depth != null || "none".equals(exit)) {
            return new ExitPolicy.FixedDepth(depth != null ? depth : manifest.depth());
        }
        if (maxLoss == null && loaded.exitPolicy().isPresent()) {
            return loaded.exitPolicy().get();
        }
        LoadedTask task = data.load(tasks, manifest, model);
        AcceptedLoss accepted = maxLoss == null ? AcceptedLoss.defaultFor(task.metric()) : AcceptedLoss.inPercent(task.metric(), maxLoss);
        return ExitCalibration.calibrate(loaded.model(), task.data().validation(), task.metric(), accepted).policy();
    }
}
