package org.lpa4j.trainers;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.SplittableRandom;
import org.lpa4j.api.compile.CompiledTrainStep;
import org.lpa4j.api.compile.InputSpec;
import org.lpa4j.api.compile.LossFunction;
import org.lpa4j.api.compile.VariableStore;
import org.lpa4j.api.data.Metric;
import org.lpa4j.api.data.Permutation;
import org.lpa4j.api.tensor.HostTensor;
import org.lpa4j.api.training.TrainingConfig;
import org.lpa4j.api.training.TrainingListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one training loop of every trainer: seeded shuffling into mini-batches, the learning-rate schedule, the
 * divergence check, per-epoch validation, early stopping that restores the best weights, and the listeners. A trainer
 * runs it once (E2E, LPA) or once per stage (a multigrade grade), each time on a {@link TrainingStage}.
 */
public final class TrainingLoop {
    private static final Logger LOG = LoggerFactory.getLogger(TrainingLoop.class);

    private final String trainer;
    private final TrainingConfig config;
    private final Metric metric;
    private final List<TrainingListener> listeners;

    /** A loop of {@code trainer} (the name listeners hear) under {@code config}, validating with {@code metric}. */
    public TrainingLoop(String trainer, TrainingConfig config, Metric metric, List<TrainingListener> listeners) {
        this.trainer = Objects.requireNonNull(trainer, "trainer is null");
        this.config = Objects.requireNonNull(config, "config is null");
        this.metric = Objects.requireNonNull(metric, "metric is null");
        this.listeners = List.copyOf(listeners);
    }

    /**
     * Trains {@code stage} on {@code store} for the configured epochs; returns the epochs run.
     *
     * @param stageIndex 0 for a single-stage trainer, k for stage k; it varies the shuffling seed between stages
     * @param stageName  how a divergence message names the stage, e.g. {@code lpa} or {@code mgdl (grade 2)}
     */
    public int run(VariableStore store, TrainingStage stage, int stageIndex, String stageName) {
        List<InputSpec> specs = List.copyOf(stage.inputs());
        LossFunction loss = (ops, p, in) -> stage.loss(ops, p, new StepInputs(specs, in));
        int n = stage.examples();
        int batchSize = config.batchSize();
        int batches = (n + batchSize - 1) / batchSize;
        long totalSteps = (long) batches * config.epochs();
        DivergenceCheck divergence = new DivergenceCheck(stageName, config.learningRate());
        EarlyStopping stopping = new EarlyStopping(config.patience(), metric);
        long start = System.nanoTime();
        int epochsRun = 0;
        long globalStep = 0;
        try (CompiledTrainStep step = store.compileTrainStep(specs, loss, stage.trainable(), config.optimizer())) {
            listeners.forEach(l -> l.onTrainingBegin(trainer, config.epochs(), batches));
            for (int epoch = 1; epoch <= config.epochs(); epoch++) {
                int[] order = Permutation.of(n, new SplittableRandom(config.seed() * 1_000_003L + stageIndex * 10_007L + epoch));
                double lossSum = 0;
                for (int b = 0; b < batches; b++) {
                    int from = b * batchSize;
                    List<HostTensor> inputs = stage.batch(Arrays.copyOfRange(order, from, Math.min(n, from + batchSize)));
                    double lr = config.learningRateAt(globalStep++, totalSteps, epoch);
                    double value = step.run(inputs, lr);
                    divergence.check(value, epoch, b + 1, lr);
                    lossSum += value;
                    int epochNo = epoch;
                    int batchNo = b + 1;
                    listeners.forEach(l -> l.onBatch(trainer, epochNo, batchNo, value));
                }
                double[] validation = stage.validate();
                epochsRun = epoch;
                double meanLoss = lossSum / batches;
                int epochNo = epoch;
                listeners.forEach(l -> l.onEpoch(trainer, epochNo, meanLoss, validation));
                if (stopping.shouldStop(validation[validation.length - 1], store)) {
                    LOG.info("{}: early stop after epoch {}: no improvement of the validation {} for {} epochs", stageName, epoch,
                            metric.label(), config.patience());
                    break;
                }
            }
        }
        stopping.restoreBest(store);
        double seconds = (System.nanoTime() - start) / 1e9;
        int run = epochsRun;
        listeners.forEach(l -> l.onTrainingEnd(trainer, run, seconds));
        return epochsRun;
    }
}
