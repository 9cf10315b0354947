package org.lpa4j.trainers.separate;

import java.util.List;
import org.lpa4j.api.training.DepthCurve;
import org.lpa4j.api.training.TrainingResult;

/**
 * What {@link SeparateDepthsTrainer} returns: one trained model per chosen depth (the shallowest first; closing this
 * closes them all) and the reference column built from them.
 */
public record SeparateModels(int networkDepth, List<TrainingResult> models) implements AutoCloseable {
    public SeparateModels {
        models = List.copyOf(models);
    }

    /** At depth k the test metric of the model trained for k; NaN where none was. */
    public DepthCurve column() {
        return SeparateDepthsTrainer.column(networkDepth, models.stream().map(TrainingResult::test).toList());
    }

    @Override
    public void close() {
        models.forEach(TrainingResult::close);
    }
}
