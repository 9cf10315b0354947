package org.lpa4j.cli.fit;

import org.lpa4j.api.Lpa4jException;
import org.lpa4j.api.model.ArchitectureOptions;
import org.lpa4j.api.model.ArchitectureProvider;
import org.lpa4j.api.model.Architectures;
import org.lpa4j.api.model.ResidualNetwork;
import org.lpa4j.api.task.LoadedTask;
import org.lpa4j.api.training.TrainingConfig;

/**
 * What {@code fit --trainer mgdl} trains: the registered {@value #ARCHITECTURE} architecture, {@code --depth} grades of
 * two hidden layers of {@code --width} with {@code --activation}, each grade trained with the run's settings (learning
 * rate, schedule, batch size) for its share of {@code --epochs}, so the total is the same as the other trainers'.
 */
final class MultigradeFit {
    /** The architecture of grades that {@code --trainer mgdl} trains. */
    static final String ARCHITECTURE = "stair";

    private MultigradeFit() {
    }

    static ResidualNetwork network(Architectures architectures, LoadedTask task, FitOptions o) {
        ArchitectureProvider stair = architectures.require(ARCHITECTURE);
        String why = stair.incompatibility(task.shape());
        if (why != null) {
            throw new Lpa4jException("--trainer mgdl trains the '" + ARCHITECTURE + "' architecture (grades of dense layers), which cannot"
                    + " serve task '" + task.name() + "' (" + why + "). Use a surface task or another task with feature-vector inputs.");
        }
        return stair.create(task.shape(), new ArchitectureOptions(o.depth(), o.width(), o.heads(), o.activation(), o.dtype()));
    }

    /** The run's settings for one grade: its share of the epochs. */
    static TrainingConfig perGrade(TrainingConfig config, int grades) {
        return config.withEpochs(Math.max(1, Math.round((float) config.epochs() / grades)));
    }
}
