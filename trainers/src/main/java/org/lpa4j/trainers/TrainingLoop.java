package org.lpa4j.trainers;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SplittableRandom;
import org.lpa4j.api.InvalidSettingException;
import org.lpa4j.api.compile.CompiledTrainStep;
import org.lpa4j.api.compile.InputSpec;
import org.lpa4j.api.compile.LossFunction;
import org.lpa4j.api.compile.VariableStore;
import org.lpa4j.api.data.Metric;
import org.lpa4j.api.data.Permutation;
import org.lpa4j.api.tensor.HostTensor;
import org.lpa4j.api.training.Checkpointing;
import org.lpa4j.api.training.TrainingCheckpoint;
import org.lpa4j.api.training.TrainingConfig;
import org.lpa4j.api.training.TrainingListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one training loop of every trainer: seeded shuffling into mini-batches, the learning-rate schedule, the
 * divergence check, per-epoch validation, early stopping that restores the best weights, the listeners, and
 * checkpoints at epoch ends from which a killed run continues exactly ({@link Checkpointing}). A trainer runs it once
 * (E2E, LPA) or once per stage (a multigrade grade), each time on a {@link TrainingStage}.
 */
public final class TrainingLoop {
    private static final Logger LOG = LoggerFactory.getLogger(TrainingLoop.class);
    private static final String DIVERGENCE = "divergence.first";
    private static final String STOPPING = "stopping";
    private static final String STAGE = "stage.";

    private final String trainer;
    private final TrainingConfig config;
    private final Metric metric;
    private final List<TrainingListener> listeners;

    /** What one run of a stage gave: the epochs run and the training time, both counted over every resumed session. */
    public record Outcome(int epochsRun, double seconds) {
    }

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
     * @param stageName  how a divergence message names the stage, e.g. {@code lpa} or {@code multigrade (grade 2)}
     */
    public int run(VariableStore store, TrainingStage stage, int stageIndex, String stageName) {
        return run(store, stage, stageIndex, stageName, null, Map.of()).epochsRun();
    }

    /**
     * {@link #run(VariableStore, TrainingStage, int, String)} with checkpoints (null: none): written at the epoch ends the
     * policy names and when the stage ends; with {@link Checkpointing#resume()} the stage continues from the stored one,
     * which must carry {@code identity} (every setting of this run by name; a difference is refused naming it).
     */
    public Outcome run(VariableStore store, TrainingStage stage, int stageIndex, String stageName, Checkpointing checkpoints,
                       Map<String, String> identity) {
        TrainingCheckpoint from = checkpoints != null && checkpoints.resume() ? Resumption.load(checkpoints, identity) : null;
        if (from != null && from.stage() != stageIndex) {
            throw new InvalidSettingException("resume", "The checkpoint in " + checkpoints.store() + " is of stage " + from.stage()
                    + ", not of stage " + stageIndex + " that is about to train; resume the run as a whole.");
        }
        int n = stage.examples();
        int batchSize = config.batchSize();
        int batches = (n + batchSize - 1) / batchSize;
        if (from != null && from.finished()) {
            store.load(from.parameters());
            LOG.info("{}: the checkpoint holds this stage's final weights (after {} epochs); nothing left to train", stageName, from.epoch());
            listeners.forEach(l -> l.onTrainingBegin(trainer, config.epochs(), batches));
            listeners.forEach(l -> l.onTrainingEnd(trainer, from.epoch(), from.seconds()));
            return new Outcome(from.epoch(), from.seconds());
        }
        List<InputSpec> specs = List.copyOf(stage.inputs());
        LossFunction loss = (ops, p, in) -> stage.loss(ops, p, new StepInputs(specs, in));
        long totalSteps = (long) batches * config.epochs();
        DivergenceCheck divergence = new DivergenceCheck(stageName, config.learningRate());
        EarlyStopping stopping = new EarlyStopping(config.patience(), metric);
        // The origin of this run's own time: its elapsed time less what the listeners held it up since it began.
        long start = System.nanoTime() - TrainingListener.totalHeldNanos(listeners);
        long lastSave = System.nanoTime();
        boolean saved = from != null;
        double before = 0;
        int epochsRun = 0;
        long globalStep = 0;
        try (CompiledTrainStep step = store.compileTrainStep(specs, loss, stage.trainable(), config.optimizer())) {
            if (from != null) {
                store.load(from.parameters());
                step.importState(from.optimizer());
                divergence.restore(from.loopState().get(DIVERGENCE)[0]);
                stopping.restore(from.loopState().get(STOPPING), from.bestParameters());
                stage.restore(stageState(from.loopState()));
                epochsRun = from.epoch();
                globalStep = from.step();
                before = from.seconds();
                LOG.info("{}: resumed from the checkpoint after epoch {} (step {})", stageName, epochsRun, globalStep);
            }
            listeners.forEach(l -> l.onTrainingBegin(trainer, config.epochs(), batches));
            for (int epoch = epochsRun + 1; epoch <= config.epochs(); epoch++) {
                int[] order = Permutation.of(n, new SplittableRandom(config.seed() * 1_000_003L + stageIndex * 10_007L + epoch));
                double lossSum = 0;
                for (int b = 0; b < batches; b++) {
                    int from0 = b * batchSize;
                    List<HostTensor> inputs = stage.batch(Arrays.copyOfRange(order, from0, Math.min(n, from0 + batchSize)));
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
                long now = System.nanoTime();
                if (epoch < config.epochs() && due(checkpoints, epoch, now - lastSave)) {
                    double own = before + (now - TrainingListener.totalHeldNanos(listeners) - start) / 1e9;
                    Map<String, double[]> state = new LinkedHashMap<>();
                    state.put(DIVERGENCE, new double[] {divergence.first()});
                    state.put(STOPPING, stopping.state());
                    stage.state().forEach((k, v) -> state.put(STAGE + k, v));
                    checkpoints.store().save(new TrainingCheckpoint(identity, stageIndex, epoch, globalStep, own,
                            false, store.export(), step.exportState(), stopping.bestWeights(), state));
                    lastSave = System.nanoTime();
                    saved = true;
                    LOG.info("{}: checkpoint after epoch {}", stageName, epoch);
                }
            }
        }
        stopping.restoreBest(store);
        double seconds = before + (System.nanoTime() - TrainingListener.totalHeldNanos(listeners) - start) / 1e9;
        if (checkpoints != null && (saved || due(checkpoints, epochsRun, System.nanoTime() - lastSave))) {
            Map<String, double[]> state = new LinkedHashMap<>();
            stage.state().forEach((k, v) -> state.put(STAGE + k, v));
            checkpoints.store().save(new TrainingCheckpoint(identity, stageIndex, epochsRun, globalStep, seconds, true, store.export(), null,
                    null, state));
        }
        int run = epochsRun;
        listeners.forEach(l -> l.onTrainingEnd(trainer, run, seconds));
        return new Outcome(epochsRun, seconds);
    }

    /** Whether the policy asks for a checkpoint at the end of {@code epoch}, {@code sinceLast} nanoseconds after the last one. */
    private static boolean due(Checkpointing checkpoints, int epoch, long sinceLast) {
        if (checkpoints == null) {
            return false;
        }
        return (checkpoints.everyEpochs() > 0 && epoch % checkpoints.everyEpochs() == 0)
                || (checkpoints.every() != null && sinceLast >= checkpoints.every().toNanos());
    }

    /** The part of a checkpoint's loop state that its {@link TrainingStage#state stage} wrote. */
    public static Map<String, double[]> stageState(Map<String, double[]> loopState) {
        Map<String, double[]> out = new LinkedHashMap<>();
        loopState.forEach((k, v) -> {
            if (k.startsWith(STAGE)) {
                out.put(k.substring(STAGE.length()), v);
            }
        });
        return out;
    }
}
