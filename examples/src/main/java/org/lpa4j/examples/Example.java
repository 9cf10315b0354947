package org.lpa4j.examples;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.lpa4j.api.backend.Backend;
import org.lpa4j.api.backend.BackendRequest;
import org.lpa4j.api.backend.Backends;
import org.lpa4j.api.model.ArchitectureOptions;
import org.lpa4j.api.task.TaskOptions;
import org.lpa4j.api.tensor.HostTensor;
import org.lpa4j.api.tensor.Shape;
import org.lpa4j.api.training.DepthCurve;
import org.lpa4j.api.training.TrainingConfig;
import org.lpa4j.experiments.DepthReport;
import org.lpa4j.experiments.Experiment;
import org.lpa4j.experiments.ExperimentOutput;
import org.lpa4j.experiments.ExperimentResult;
import org.lpa4j.experiments.ExperimentRunner;
import org.lpa4j.experiments.Registries;
import org.lpa4j.models.LoadedModel;

/**
 * lpa4j used from one's own project: the architecture {@code tanh-blocks} trained with LPA, E2E and the trainer
 * {@code deepest-two} (both defined in this project) on TensorFlow, written as a whole, then the LPA model reloaded on
 * ND4J and asked for a prediction at every depth. {@code java org.lpa4j.examples.Example [OUT]}.
 */
public final class Example {
    private Example() {
    }

    public static void main(String[] args) {
        Path out = Path.of(args.length > 0 ? args[0] : "target/example-run");
        Experiment experiment = Experiment.builder()
                .setTask("surface:peaks2d").optTaskOptions(TaskOptions.defaults().withExamples(1000))
                .setArchitecture(TanhBlocksProvider.NAME, ArchitectureOptions.of(4, 32))
                .addTrainer("lpa").addTrainer("e2e").addTrainer(DeepestTwoTrainerProvider.NAME)
                .optTrainingConfig(TrainingConfig.defaults().withEpochs(30).withBatchSize(32).withLearningRate(3e-3))
                .optBackend(new BackendRequest("tensorflow", "the example"))
                .build();
        try (ExperimentResult result = new ExperimentRunner().run(experiment, ExperimentOutput.to(out).replacing(true), List.of())) {
            DepthReport report = result.runs().get(0);
            System.out.println("Test " + report.metric() + " by depth, trained on " + report.backend() + ":");
            for (DepthCurve c : report.trainers()) {
                System.out.println(String.format(Locale.ROOT, "  %-12s %s", c.trainer(), java.util.Arrays.toString(c.values())));
            }
        }
        try (Backend nd4j = Backends.open("nd4j"); LoadedModel lpa = Registries.discover().bundles().load(out.resolve("lpa"), nd4j)) {
            HostTensor x = HostTensor.ofFloats(Shape.of(1, 2), new float[] {0.25f, 0.75f});
            System.out.print("LPA reloaded on " + nd4j.name() + ", f(0.25, 0.75) at each depth:");
            for (int depth = 1; depth <= lpa.model().depth(); depth++) {
                System.out.printf(Locale.ROOT, " %.4f", lpa.model().predict(x, depth).toDoubleArray()[0]);
            }
            System.out.println();
        }
    }
}
