package org.lpa4j.cli;

import java.util.ArrayList;
import java.util.List;
import org.lpa4j.api.Lpa4jException;
import org.lpa4j.api.data.TaskShape;
import org.lpa4j.api.layers.Activation;
import org.lpa4j.trainers.multigrade.GradeSpec;
import org.lpa4j.trainers.multigrade.StairNetwork;

/**
 * The stair network {@code fit --trainer mgdl} trains: {@code --depth} grades of two hidden layers of {@code --width}
 * with {@code --activation}, the {@code --epochs} split evenly across the grades (the same total as the other trainers),
 * each grade's rate decaying exponentially from {@code --lr} to {@code --lr / 100}, mini-batches of {@code --batch-size}.
 */
final class MultigradeFit {
    /** Each grade's rate ends at this fraction of {@code --lr}, as the cosine schedule of the other trainers does. */
    static final double FINAL_RATE_FRACTION = 0.01;

    private MultigradeFit() {
    }

    static StairNetwork network(LoadedTask task, FitOptions o) {
        TaskShape shape = task.shape();
        if (shape.example().length != 1 || shape.tokens()) {
            throw new Lpa4jException("--trainer mgdl trains stair networks of dense grades, which read feature vectors; task '" + task.name()
                    + "' has " + (shape.tokens() ? "token inputs" : "inputs of shape " + java.util.Arrays.toString(shape.example()))
                    + ". Use a surface task or a task with feature-vector inputs.");
        }
        int epochs = Math.max(1, Math.round((float) o.epochs() / o.depth()));
        List<GradeSpec> grades = new ArrayList<>();
        for (int k = 1; k <= o.depth(); k++) {
            grades.add(GradeSpec.of(List.of(o.width(), o.width()), o.activation(), epochs, o.learningRate(),
                    o.learningRate() * FINAL_RATE_FRACTION, o.batchSize()));
        }
        return new StairNetwork(shape.example()[0], shape.outputs(), grades, o.dtype());
    }
}
