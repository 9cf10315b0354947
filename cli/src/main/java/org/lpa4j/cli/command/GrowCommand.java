package org.lpa4j.cli.command;

import com.google.inject.Inject;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.lpa4j.api.backend.Backend;
import org.lpa4j.api.backend.Discovery;
import org.lpa4j.api.data.Metric;
import org.lpa4j.api.data.TensorDataset;
import org.lpa4j.api.inference.AcceptedLoss;
import org.lpa4j.api.inference.ExitCalibration;
import org.lpa4j.api.model.ProgressiveModel;
import org.lpa4j.api.task.LoadedTask;
import org.lpa4j.api.task.Tasks;
import org.lpa4j.api.tensor.HostTensor;
import org.lpa4j.api.training.ResidualTarget;
import org.lpa4j.api.training.TrainingConfig;
import org.lpa4j.api.training.TrainingResult;
import org.lpa4j.cli.option.BackendOption;
import org.lpa4j.cli.option.SavedModelTask;
import org.lpa4j.cli.output.ProgressListener;
import org.lpa4j.models.ExitPolicies;
import org.lpa4j.models.LoadedModel;
import org.lpa4j.models.ModelInfo;
import org.lpa4j.models.ModelManifest;
import org.lpa4j.models.Models;
import org.lpa4j.trainers.lpa.DepthWeighting;
import org.lpa4j.trainers.lpa.LpaForm;
import org.lpa4j.trainers.lpa.LpaTrainer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code lpa4j grow}: a saved model with K blocks appended and trained on the residual it leaves ({@link
 * org.lpa4j.trainers.AbstractProgressiveTrainer#grow}), its depths 1..L frozen, saved as a new model naming its parent.
 */
@Command(name = "grow", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Append blocks to a saved model and train only them, with LPA, on the residual the model leaves on its own task:"
                + " the stem, the earlier blocks and the shared head stay frozen, so depths 1..L predict exactly as before and the"
                + " new depths continue. Saved as a new model folder that names its parent; a saved exit policy is calibrated again.")
public final class GrowCommand implements Callable<Integer> {
    private final Tasks tasks;
    private final Discovery discovery;

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

    @Inject
    GrowCommand(Tasks tasks, Discovery discovery) {
        this.tasks = tasks;
        this.discovery = discovery;
    }

    @Override
    public Integer call() {
        ModelManifest parent = Models.inspect(model);
        LoadedTask task = data.load(tasks, parent, model);
        TrainingConfig config = config(parent);
        LpaTrainer trainer = trainer(parent);
        PrintWriter w = spec.commandLine().getOut();
        try (Backend b = backend.open(discovery); LoadedModel loaded = Models.load(model, b);
             ProgressListener progress = new ProgressListener(task.metric());
             TrainingResult grown = trainer.grow(b, loaded.model(), add, task.data(), config, task.metric(), List.of(progress))) {
            ProgressiveModel m = grown.model();
            Map<String, Object> details = new LinkedHashMap<>();
            details.put("added", add);
            details.put("epochs", grown.test().epochsRun());
            details.put("seconds", grown.test().wallSeconds());
            ModelInfo.Builder info = ModelInfo.childOf(parent).optTrainer(trainer.name(), trainer.form().name(),
                            trainer.weighting().resolve(ResidualTarget.of(task.data().train())).name())
                    .optConfig(config).optBackend(b)
                    .optLineage(new ModelManifest.Lineage(parent.weights().sha256(), parent.depth(), ModelManifest.Lineage.GROW, details));
            for (Metric metric : List.of(task.metric(), task.secondaryMetric())) {
                info.optMetric(metric.label(), metric.lowerIsBetter(), perDepth(m, task.data().validation(), metric),
                        perDepth(m, task.data().test(), metric));
            }
            AcceptedLoss accepted = parent.exitPolicy() == null ? null : ExitPolicies.acceptedLoss(parent.exitPolicy());
            if (accepted != null) {
                info.optExitPolicy(ExitCalibration.calibrate(m, task.data().validation(), task.metric(), accepted));
            }
            Models.save(m, info.build(), out);
            w.println("Grew " + model + " from depth " + parent.depth() + " to " + m.depth() + " in " + String.format("%.1f", grown.test().wallSeconds())
                    + " s (" + grown.test().epochsRun() + " epochs); depths 1.." + parent.depth() + " are the parent's, unchanged.");
            double[] test = grown.test().values();
            for (int k = 1; k <= test.length; k++) {
                w.printf("  depth %d  test %s %.5f%s%n", k, task.metric().label(), test[k - 1], k <= parent.depth() ? "  (parent)" : "  (new)");
            }
            if (parent.exitPolicy() != null) {
                w.println(accepted != null ? "  The parent's exit policy was calibrated again for depths 1.." + m.depth() + " (" + accepted.describe(task.metric()) + ")."
                        : "  The parent's exit policy records no calibration and is not carried over; run lpa4j evaluate --model " + out + ".");
            }
            w.println("Saved " + out);
        }
        w.flush();
        return 0;
    }

    /** The parent's training configuration where it records one, with --epochs and the given flags. */
    private TrainingConfig config(ModelManifest parent) {
        TrainingConfig c = TrainingConfig.defaults().withDType(parent.dtype());
        Map<String, Object> saved = parent.training() == null ? null : parent.training().config();
        if (saved != null) {
            if (saved.get("learningRate") instanceof Number lr) {
                c = c.withLearningRate(lr.doubleValue());
            }
            if (saved.get("batchSize") instanceof Number size) {
                c = c.withBatchSize(size.intValue());
            }
            if (saved.get("seed") instanceof Number s) {
                c = c.withSeed(s.longValue());
            }
        }
        c = c.withEpochs(epochs);
        c = learningRate == null ? c : c.withLearningRate(learningRate);
        c = batchSize == null ? c : c.withBatchSize(batchSize);
        return seed == null ? c : c.withSeed(seed);
    }

    /** LPA in the parent's form and weighting when it was trained with LPA, else the measured default. */
    private static LpaTrainer trainer(ModelManifest parent) {
        ModelManifest.Training t = parent.training();
        if (t == null || !"lpa".equals(t.trainer()) || t.form() == null) {
            return new LpaTrainer();
        }
        DepthWeighting weighting = t.weighting() == null ? LpaTrainer.DEFAULT_WEIGHTING : DepthWeighting.valueOf(t.weighting());
        return new LpaTrainer(LpaForm.valueOf(t.form()), weighting);
    }

    private static double[] perDepth(ProgressiveModel model, TensorDataset split, Metric metric) {
        HostTensor x = split.x();
        List<HostTensor> predictions = model.predictAll(x.dtype().isFloating() ? x.cast(model.network().input().dtype()) : x);
        List<Double> values = new ArrayList<>();
        predictions.forEach(p -> values.add(metric.evaluate(p, split.y())));
        return values.stream().mapToDouble(Double::doubleValue).toArray();
    }
}
