package org.lpa4j.trainers.e2e;

import org.lpa4j.api.training.ProgressiveTrainer;
import org.lpa4j.api.training.TrainerOptions;
import org.lpa4j.api.training.TrainerProvider;

/** The {@code e2e} trainer: {@link E2ETrainer}, which has no options. */
public final class E2ETrainerProvider implements TrainerProvider {

    @Override
    public String name() {
        return "e2e";
    }

    @Override
    public ProgressiveTrainer create(TrainerOptions options) {
        options.requireOnly(name());
        return new E2ETrainer();
    }
}
