package org.lpa4j.experiments;

import java.util.Objects;
import org.lpa4j.api.model.ProgressiveModel;
import org.lpa4j.models.ModelManifest;

/**
 * A model an experiment trained: its trainer and seed, the folder it is saved in relative to the experiment's output
 * ({@code lpa}, {@code seed-1/e2e}, {@code separate/depth-2}), what its bundle records, and the model itself while the
 * result holds it (null once it was written and closed).
 */
public record TrainedModel(String trainer, long seed, String folder, ModelManifest info, ProgressiveModel model) {
    public TrainedModel {
        Objects.requireNonNull(trainer, "trainer is null");
        Objects.requireNonNull(folder, "folder is null");
        Objects.requireNonNull(info, "info is null");
    }
}
