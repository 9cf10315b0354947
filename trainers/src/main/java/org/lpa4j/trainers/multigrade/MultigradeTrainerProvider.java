package org.lpa4j.trainers.multigrade;

import org.lpa4j.api.training.ProgressiveTrainer;
import org.lpa4j.api.training.TrainerOptions;
import org.lpa4j.api.training.TrainerProvider;

/**
 * The {@code multigrade} trainer: {@link MultigradeTrainer} on the {@value MultigradeTrainer#ARCHITECTURE} architecture, the
 * run's epochs shared among the grades so the total is the other trainers'; with option {@code gradeTolerance} it adds grades
 * only while the validation error improves and is above it, otherwise it trains every grade.
 */
public final class MultigradeTrainerProvider implements TrainerProvider {

    @Override
    public String name() {
        return "multigrade";
    }

    /** {@code mgdl}, its name until the multigrade names were made one: {@code --trainer mgdl} and saved models that name it still work. */
    @Override
    public java.util.List<String> formerNames() {
        return java.util.List.of("mgdl");
    }

    @Override
    public ProgressiveTrainer create(TrainerOptions options) {
        options.requireOnly(name(), "gradeTolerance");
        MultigradeTrainer trainer = options.has("gradeTolerance") ? MultigradeTrainer.adaptive(options.getDouble("gradeTolerance", 0))
                : MultigradeTrainer.allGrades();
        return trainer.withSharedEpochs();
    }
}
