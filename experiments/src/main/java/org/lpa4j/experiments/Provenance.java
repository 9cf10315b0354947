package org.lpa4j.experiments;

import org.lpa4j.api.backend.Backend;
import org.lpa4j.api.data.DataSplits;
import org.lpa4j.api.data.Metric;
import org.lpa4j.api.data.TensorDataset;
import org.lpa4j.api.model.ProgressiveModel;
import org.lpa4j.api.task.LoadedTask;
import org.lpa4j.api.task.TaskOptions;
import org.lpa4j.api.tensor.DType;
import org.lpa4j.api.tensor.HostTensor;
import org.lpa4j.api.training.DepthCurve;
import org.lpa4j.api.training.ProgressiveTrainer;
import org.lpa4j.api.training.ResidualTarget;
import org.lpa4j.api.training.TrainingConfig;
import org.lpa4j.api.training.TrainingResult;
import org.lpa4j.models.ModelInfo;
import org.lpa4j.trainers.lpa.LpaTrainer;

/** What a model trained in an experiment records: its data, task, trainer, settings, backend and every metric at every depth. */
final class Provenance {
    private Provenance() {
    }

    /** The record of {@code result}, trained by {@code trainer} on {@code task} (loaded with {@code taskOptions}) with {@code config}. */
    static ModelInfo of(TrainingResult result, ProgressiveTrainer trainer, LoadedTask task, TaskOptions taskOptions, String dataSha256,
                        TrainingConfig config, Backend backend, DepthCurve secondaryTest) {
        DataSplits data = task.data();
        Metric metric = task.metric();
        Metric secondary = task.secondaryMetric();
        ModelInfo.Builder info = ModelInfo.builder().setTask(task.shape()).optConfig(config).optBackend(backend)
                .optDataset(task.name(), dataSha256).optTaskOptions(taskOptions).optPreprocessing(task.preprocessing())
                .optMetric(metric.label(), metric.lowerIsBetter(), byDepth(metric, result.model(), data.validation()), result.test().values())
                .optMetric(secondary.label(), secondary.lowerIsBetter(), byDepth(secondary, result.model(), data.validation()),
                        secondaryTest.values());
        // The LPA form and the weighting it resolved to for this data have fields of their own in today's manifest.
        if (trainer instanceof LpaTrainer lpa) {
            info.optTrainer(trainer.name(), lpa.form().name(), lpa.weighting().resolve(ResidualTarget.of(data.train())).name());
        } else {
            info.optTrainer(trainer.trainsLike(), null, null);
        }
        info.optTrainerOptions(trainer.options().isEmpty() || !trainer.trainsLike().equals(trainer.name()) ? null : trainer.options());
        if (task.labels() != null) {
            info.optLabels(task.labels());
        }
        return info.build();
    }

    /** {@code metric} on {@code split} at every depth of {@code model}. */
    static double[] byDepth(Metric metric, ProgressiveModel model, TensorDataset split) {
        HostTensor x = split.x();
        DType inputType = model.network().input().dtype();
        java.util.List<HostTensor> predictions = model.predictAll(x.dtype().isFloating() ? x.cast(inputType) : x);
        double[] values = new double[predictions.size()];
        for (int l = 0; l < values.length; l++) {
            values[l] = metric.evaluate(predictions.get(l), split.y());
        }
        return values;
    }
}
