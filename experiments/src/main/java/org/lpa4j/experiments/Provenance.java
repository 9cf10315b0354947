package org.lpa4j.experiments;

import java.util.Map;
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
import org.lpa4j.api.training.TrainingConfig;
import org.lpa4j.api.training.TrainingResult;
import org.lpa4j.models.ModelManifest;

/** What a model trained in an experiment records: its data, task, trainer, settings, backend and every metric at every depth. */
final class Provenance {
    private Provenance() {
    }

    /** The record of {@code result}, trained by {@code trainer} on {@code task} (loaded with {@code taskOptions}) with {@code config}. */
    static ModelManifest of(TrainingResult result, ProgressiveTrainer trainer, LoadedTask task, TaskOptions taskOptions, String dataSha256,
                        TrainingConfig config, Backend backend, DepthCurve secondaryTest) {
        DataSplits data = task.data();
        Metric metric = task.metric();
        Metric secondary = task.secondaryMetric();
        ModelManifest.Builder info = ModelManifest.builder().setTask(task.shape()).optConfig(config).optBackend(backend)
                .optDataset(task.name(), dataSha256).optTaskOptions(taskOptions).optPreprocessing(task.preprocessing())
                .optMetric(metric.label(), metric.lowerIsBetter(), byDepth(metric, result.model(), data.validation()), result.test().values())
                .optMetric(secondary.label(), secondary.lowerIsBetter(), byDepth(secondary, result.model(), data.validation()),
                        secondaryTest.values());
        // The trainer's own options record; a trainer that trains as another (separate models as e2e) saves that one's model.
        info.optTrainer(trainer.trainsLike(), trainer.trainsLike().equals(trainer.name()) ? trainer.recordedOptions(data) : Map.of());
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
