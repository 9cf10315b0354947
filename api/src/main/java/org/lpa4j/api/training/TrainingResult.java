package org.lpa4j.api.training;

import org.lpa4j.api.model.ProgressiveModel;

/** What a trainer returns: the trained model (the caller closes it) and its test metric at every depth. */
public record TrainingResult(ProgressiveModel model, DepthCurve test) implements AutoCloseable {
    @Override
    public void close() {
        model.close();
    }
}
