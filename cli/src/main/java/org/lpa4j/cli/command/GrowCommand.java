package org.lpa4j.cli.command;

import com.google.inject.Inject;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.lpa4j.api.backend.Backend;
import org.lpa4j.api.backend.Discovery;
import org.lpa4j.api.inference.AcceptedLoss;
import org.lpa4j.api.task.LoadedTask;
import org.lpa4j.api.task.Tasks;
import org.lpa4j.api.training.TrainingConfig;
import org.lpa4j.cli.option.BackendOption;
import org.lpa4j.cli.option.SavedModelTask;
import org.lpa4j.cli.option.ThreadsOption;
import org.lpa4j.cli.output.ProgressListener;
import org.lpa4j.experiments.ModelGrowth;
import org.lpa4j.models.ModelBundles;
import org.lpa4j.models.ModelManifest;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code lpa4j grow}: a saved model with K blocks appended and trained on the residual it leaves ({@link
 * org.lpa4j.trainers.AbstractProgressiveTrainer#grow}), its depths 1..L frozen, saved as a new model naming its parent: flags mapped onto
 * {@link ModelGrowth}, its result printed.
 */
@Command(name = "grow", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Append blocks to a saved model and train only them, with LPA, on the residual the model leaves on its own task:"
                + " the stem, the earlier blocks and the shared head stay frozen, so depths 1..L predict exactly as before and the"
                + " new depths continue. Saved as a new model folder that names its parent; a saved exit policy is calibrated again.")
public final class GrowCommand implements Callable<Integer> {
    private final Tasks tasks;
    private final Discovery discovery;
    private final ModelBundles bundles;

    @Spec
    CommandSpec spec;

    @Option(names = "--model", required = true, description = "a saved model folder (fnn, resnet or transformer)")
    Path model;
    @Option(names = "--add", required = true, description = "blocks to append")
    int add;
    @Option(names = "--epochs", required = true, description = "epochs to train the new blocks")
    int epochs;
    @Option(names = "--out", required = true, description = "the new model folder (must not exist)")
    Path out;
    @Option(names = "--lr", description = "base learning rate, cosine-decayed (default: the parent's)")
    Double learningRate;
    @Option(names = "--batch-size", description = "mini-batch size (default: the parent's)")
    Integer batchSize;
    @Option(names = "--seed", description = "seed of the new blocks' weights and of shuffling (default: the parent's)")
    Long seed;
    @Mixin
    BackendOption backend;
    @Mixin
    SavedModelTask data;
    @Mixin
    ThreadsOption threads;

    @Inject
    GrowCommand(Tasks tasks, Discovery discovery, ModelBundles bundles) {
        this.tasks = tasks;
        this.discovery = discovery;
        this.bundles = bundles;
    }

    @Override
    public Integer call() {
        ModelManifest parent = bundles.inspect(model);
        LoadedTask task = data.load(tasks, parent, model);
        TrainingConfig config = config(parent);
        PrintWriter w = spec.commandLine().getOut();
        ModelGrowth.Result grown;
        try (Backend b = backend.open(discovery); ProgressListener progress = new ProgressListener(task.metric())) {
            grown = new ModelGrowth(bundles).grow(model, task, b, add, config, List.of(progress), out);
        }
        AcceptedLoss accepted = grown.recalibrated();
        int depth = grown.manifest().depth();
        w.println("Grew " + model + " from depth " + parent.depth() + " to " + depth + " in " + String.format("%.1f", grown.test().wallSeconds())
                + " s (" + grown.test().epochsRun() + " epochs); depths 1.." + parent.depth() + " are the parent's, unchanged.");
        double[] test = grown.test().values();
        for (int k = 1; k <= test.length; k++) {
            w.printf("  depth %d  test %s %.5f%s%n", k, task.metric().label(), test[k - 1], k <= parent.depth() ? "  (parent)" : "  (new)");
        }
        if (parent.exitPolicy() != null) {
            w.println(accepted != null ? "  The parent's exit policy was calibrated again for depths 1.." + depth + " (" + accepted.describe(task.metric()) + ")."
                    : "  The parent's exit policy records no calibration and is not carried over; run lpa4j evaluate --model " + out + ".");
        }
        w.println("Saved " + out);
        w.flush();
        return 0;
    }

    /** The parent's training configuration where it records one, with --epochs and the given flags. */
    private TrainingConfig config(ModelManifest parent) {
        TrainingConfig c = ModelGrowth.parentConfig(parent).withEpochs(epochs);
        c = learningRate == null ? c : c.withLearningRate(learningRate);
        c = batchSize == null ? c : c.withBatchSize(batchSize);
        return seed == null ? c : c.withSeed(seed);
    }
}
