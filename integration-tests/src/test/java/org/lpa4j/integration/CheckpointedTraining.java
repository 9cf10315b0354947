package org.lpa4j.integration;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.lpa4j.api.data.TaskShape;
import org.lpa4j.api.model.ArchitectureOptions;
import org.lpa4j.api.model.Architectures;
import org.lpa4j.api.model.ResidualNetwork;
import org.lpa4j.api.params.ParameterSet;
import org.lpa4j.trainers.multigrade.MultigradeTrainer;
import org.lpa4j.trainers.separate.SeparateDepthsTrainer;
import org.lpa4j.api.backend.Backend;
import org.lpa4j.api.backend.Backends;
import org.lpa4j.api.data.DataSplits;
import org.lpa4j.api.data.Metric;
import org.lpa4j.api.layers.Activation;
import org.lpa4j.api.tensor.DType;
import org.lpa4j.api.training.Checkpointing;
import org.lpa4j.api.training.TrainingConfig;
import org.lpa4j.api.training.TrainingListener;
import org.lpa4j.api.training.TrainingResult;
import org.lpa4j.architectures.fnn.ResidualMlp;
import org.lpa4j.datasets.surfaces.Surface;
import org.lpa4j.datasets.surfaces.SurfaceTask;
import org.lpa4j.models.CheckpointFiles;
import org.lpa4j.trainers.AbstractProgressiveTrainer;
import org.lpa4j.trainers.e2e.E2ETrainer;
import org.lpa4j.trainers.lpa.DepthWeighting;
import org.lpa4j.trainers.lpa.LpaForm;
import org.lpa4j.trainers.lpa.LpaTrainer;

/**
 * The small training run of the checkpoint tests, in one place: a residual MLP on peaks2d under each trainer, and a
 * {@code main} that runs it with a checkpoint after every epoch in a JVM of its own, slowly, so a test can kill it.
 */
final class CheckpointedTraining {
    static final TrainingConfig CONFIG = TrainingConfig.defaults().withEpochs(6).withBatchSize(32).withLearningRate(3e-3).withSeed(4)
            .withPatience(3);
    static final Metric METRIC = Metric.RELATIVE_L2;

    private CheckpointedTraining() {
    }

    /** The trainers every checkpoint test covers: both LPA forms (the local one with layer dropout and a weight schedule) and E2E. */
    static AbstractProgressiveTrainer trainer(String name) {
        return switch (name) {
            case "lpa-joint" -> new LpaTrainer(LpaForm.JOINT, DepthWeighting.ADAPTIVE);
            case "lpa-local" -> new LpaTrainer(LpaForm.LAYER_LOCAL, DepthWeighting.ADAPTIVE).withLayerDropout(0.3).withUniformEpochs(1);
            case "e2e" -> new E2ETrainer();
            default -> throw new IllegalArgumentException(name);
        };
    }

    static ResidualMlp network() {
        return new ResidualMlp(2, 8, 3, 1, Activation.TANH, false, DType.FLOAT32);
    }

    static DataSplits data() {
        return SurfaceTask.generate(Surface.PEAKS_2D, 300, 1, DType.FLOAT32);
    }

    /** What a run ends with, to compare: every model's weights, test curve and epochs. */
    record Run(List<ParameterSet> weights, List<double[]> curves, List<Integer> epochs) {
        static Run of(List<TrainingResult> results) {
            List<ParameterSet> weights = new ArrayList<>();
            List<double[]> curves = new ArrayList<>();
            List<Integer> epochs = new ArrayList<>();
            for (TrainingResult r : results) {
                weights.add(r.model().parameters());
                curves.add(r.test().values());
                epochs.add(r.test().epochsRun());
                r.close();
            }
            return new Run(weights, curves, epochs);
        }
    }

    /** One run of {@code trainer}: lpa-joint, lpa-local, e2e, multigrade (a graded network) or separate (depths 1 and 3). */
    static Run train(Backend backend, String trainer, Checkpointing checkpoints, List<TrainingListener> listeners) {
        DataSplits data = data();
        return switch (trainer) {
            case "multigrade" -> Run.of(List.of(MultigradeTrainer.allGrades().train(backend, Architectures.discover().create("graded",
                    TaskShape.features(2, 1), new ArchitectureOptions(3, 8, 1, Activation.TANH, DType.FLOAT32)), data, CONFIG, METRIC,
                    listeners, checkpoints)));
            case "separate" -> {
                // One model per network, each in its own part of the checkpoints, as an experiment trains them.
                SeparateDepthsTrainer separate = new SeparateDepthsTrainer(1, 3);
                List<TrainingResult> models = new ArrayList<>();
                for (ResidualNetwork n : separate.networks(network())) {
                    models.add(separate.train(backend, n, data, CONFIG, METRIC, listeners,
                            checkpoints == null ? null : checkpoints.part("depth-" + n.depth()).resumingIfStored()));
                }
                yield Run.of(models);
            }
            default -> Run.of(List.of(trainer(trainer).train(backend, network(), data, CONFIG, METRIC, listeners, checkpoints)));
        };
    }

    /** {@code main BACKEND TRAINER CHECKPOINT_DIR}: the run with a checkpoint after every epoch, 0.4 s per epoch, until killed. */
    public static void main(String[] args) {
        TrainingListener slow = new TrainingListener() {
            @Override
            public void onEpoch(String trainer, int epoch, double meanLoss, double[] validationPerDepth) {
                try {
                    Thread.sleep(400);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        };
        try (Backend backend = Backends.open(args[0])) {
            train(backend, args[1], Checkpointing.into(new CheckpointFiles(Path.of(args[2]))).everyEpochs(1), List.of(slow));
            System.out.println("finished");
        }
    }
}
