package org.lpa4j.trainers.separate;

import org.lpa4j.api.training.ProgressiveTrainer;
import org.lpa4j.api.training.TrainerOptions;
import org.lpa4j.api.training.TrainerProvider;

/** The {@code separate} reference: {@link SeparateDepthsTrainer} with option {@code depths} (the depths to train a model for; every depth when not given). */
public final class SeparateDepthsTrainerProvider implements TrainerProvider {

    @Override
    public String name() {
        return SeparateDepthsTrainer.NAME;
    }

    @Override
    public ProgressiveTrainer create(TrainerOptions options) {
        options.requireOnly(name(), "depths");
        return new SeparateDepthsTrainer(options.getInts("depths"));
    }
}
