package org.lpa4j.experiments;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.lpa4j.api.backend.Backend;
import org.lpa4j.api.data.Metric;
import org.lpa4j.api.inference.AcceptedLoss;
import org.lpa4j.api.inference.ExitCalibration;
import org.lpa4j.api.model.ProgressiveModel;
import org.lpa4j.api.task.LoadedTask;
import org.lpa4j.api.training.DepthCurve;
import org.lpa4j.api.training.TrainingConfig;
import org.lpa4j.api.training.TrainingListener;
import org.lpa4j.api.training.TrainingResult;
import org.lpa4j.models.ExitPolicies;
import org.lpa4j.models.LoadedModel;
import org.lpa4j.models.ModelBundles;
import org.lpa4j.models.ModelManifest;
import org.lpa4j.trainers.lpa.DepthWeighting;
import org.lpa4j.trainers.lpa.LpaForm;
import org.lpa4j.trainers.lpa.LpaTrainer;

/**
 * Grows a saved model: loads it, appends blocks trained with LPA on the residual it leaves, its depths frozen
 * ({@link org.lpa4j.trainers.AbstractProgressiveTrainer#grow}), measures every depth, calibrates a saved exit policy
 * again, and saves the result as a new bundle naming its parent ({@link ModelManifest.Lineage#GROW}).
 */
public final class ModelGrowth {
    private final ModelBundles bundles;

    /** Growth of the bundles {@code bundles} reads and writes. */
    public ModelGrowth(ModelBundles bundles) {
        this.bundles = Objects.requireNonNull(bundles, "bundles is null");
    }

    /** What a growth gave: the new model's manifest, its test metric at every depth, and the accepted loss its exit policy was calibrated for (null: none). */
    public record Result(ModelManifest manifest, DepthCurve test, AcceptedLoss recalibrated) {
    }

    /**
     * The parent's training configuration where its manifest records one (learning rate, batch size, seed; element type),
     * else the defaults; a caller changes what it was asked to.
     */
    public static TrainingConfig parentConfig(ModelManifest parent) {
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
        return c;
    }

    /** LPA in the parent's form and weighting when it was trained with LPA, else LPA's defaults. */
    public static LpaTrainer trainerFor(ModelManifest parent) {
        ModelManifest.Training t = parent.training();
        if (t == null || !"lpa".equals(t.trainer()) || t.option(ModelManifest.FORM) == null) {
            return new LpaTrainer();
        }
        Object weighting = t.option(ModelManifest.WEIGHTING);
        return new LpaTrainer(LpaForm.valueOf(String.valueOf(t.option(ModelManifest.FORM))),
                weighting == null ? LpaTrainer.DEFAULT_WEIGHTING : DepthWeighting.valueOf(String.valueOf(weighting)));
    }

    /**
     * Grows the bundle at {@code parentDir} (trained on {@code task}) by {@code add} blocks, trained with {@code config} on
     * {@code backend}, and saves it into the new folder {@code out}.
     */
    public Result grow(Path parentDir, LoadedTask task, Backend backend, int add, TrainingConfig config, List<TrainingListener> listeners,
                       Path out) {
        ModelManifest parent = bundles.inspect(parentDir);
        LpaTrainer trainer = trainerFor(parent);
        try (LoadedModel loaded = bundles.load(parentDir, backend);
             TrainingResult grown = trainer.grow(backend, loaded.model(), add, task.data(), config, task.metric(), listeners)) {
            ProgressiveModel m = grown.model();
            Map<String, Object> details = new LinkedHashMap<>();
            details.put("added", add);
            details.put("epochs", grown.test().epochsRun());
            details.put("seconds", grown.test().wallSeconds());
            ModelManifest.Builder info = ModelManifest.childOf(parent).optTrainer(trainer.name(), trainer.recordedOptions(task.data()))
                    .optConfig(config)
                    .optBackend(backend)
                    .optLineage(new ModelManifest.Lineage(parent.weights().sha256(), parent.depth(), ModelManifest.Lineage.GROW, details));
            for (Metric metric : List.of(task.metric(), task.secondaryMetric())) {
                info.optMetric(metric.label(), metric.lowerIsBetter(), Provenance.byDepth(metric, m, task.data().validation()),
                        Provenance.byDepth(metric, m, task.data().test()));
            }
            AcceptedLoss accepted = parent.exitPolicy() == null ? null : ExitPolicies.acceptedLoss(parent.exitPolicy());
            if (accepted != null) {
                info.optExitPolicy(ExitCalibration.calibrate(m, task.data().validation(), task.metric(), accepted));
            }
            bundles.save(m, info.build(), out);
            return new Result(bundles.inspect(out), grown.test(), accepted);
        }
    }
}
