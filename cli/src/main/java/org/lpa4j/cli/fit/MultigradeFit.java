package org.lpa4j.cli.fit;

import java.util.Collections;
import org.lpa4j.api.Lpa4jException;
import org.lpa4j.api.data.TaskShape;
import org.lpa4j.api.task.LoadedTask;
import org.lpa4j.api.training.TrainingConfig;
import org.lpa4j.architectures.stair.Grade;
import org.lpa4j.architectures.stair.StairNetwork;

/**
 * What {@code fit --trainer mgdl} trains: {@code --depth} grades of two hidden layers of {@code --width} with
 * {@code --activation}, each grade trained with the run's settings (learning rate, schedule, batch size) for its share of
 * {@code --epochs}, so the total is the same as the other trainers'.
 */
final class MultigradeFit {
    private MultigradeFit() {
    }

    static StairNetwork network(LoadedTask task, FitOptions o) {
        TaskShape shape = task.shape();
        if (shape.example().length != 1 || shape.tokens()) {
            throw new Lpa4jException("--trainer mgdl trains stair networks of dense grades, which read feature vectors; task '" + task.name()
                    + "' has " + (shape.tokens() ? "token inputs" : "inputs of shape " + java.util.Arrays.toString(shape.example()))
                    + ". Use a surface task or a task with feature-vector inputs.");
        }
        Grade grade = Grade.of(java.util.List.of(o.width(), o.width()), o.activation());
        return new StairNetwork(shape.example()[0], shape.outputs(), Collections.nCopies(o.depth(), grade), o.dtype());
    }

    /** The run's settings for one grade: its share of the epochs. */
    static TrainingConfig perGrade(TrainingConfig config, int grades) {
        return config.withEpochs(Math.max(1, Math.round((float) config.epochs() / grades)));
    }
}
