package org.lpa4j.experiments;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.lpa4j.api.backend.Backend;
import org.lpa4j.api.data.DataSplits;
import org.lpa4j.api.data.Metric;
import org.lpa4j.api.model.ArchitectureOptions;
import org.lpa4j.api.model.ResidualNetwork;
import org.lpa4j.api.task.LoadedTask;
import org.lpa4j.api.task.TaskOptions;
import org.lpa4j.api.training.Checkpointing;
import org.lpa4j.api.training.DepthCurve;
import org.lpa4j.api.training.ProgressiveTrainer;
import org.lpa4j.api.training.TrainingConfig;
import org.lpa4j.api.training.TrainingListener;
import org.lpa4j.api.training.TrainingResult;
import org.lpa4j.models.DataFingerprint;
import org.lpa4j.models.ModelBundles;
import org.lpa4j.models.ModelManifest;

/**
 * One seed's run of an experiment: every trainer trains its networks on the seed's data, each model measured at every
 * depth and kept in the result, or saved under the output folder (when {@code bundles} is given) and closed.
 */
final class SeedRun {
    private final ExperimentRunner.Plan plan;
    private final LoadedTask task;
    private final long seed;
    private final Backend backend;
    private final List<? extends ExperimentListener> listeners;
    private final ModelBundles bundles;
    private final Path staging;
    /** The seed's checkpoints (null: none), a part per trainer and, for one model per depth, per depth. */
    private final Checkpointing checkpointing;
    /** The columns already trained, by the trainer they train like and the network (a description, by identity). */
    private final Map<String, Map<ResidualNetwork, Column>> trained = new HashMap<>();

    SeedRun(ExperimentRunner.Plan plan, LoadedTask task, long seed, Backend backend, List<? extends ExperimentListener> listeners,
            ModelBundles bundles, Path staging, Checkpointing checkpointing) {
        this.plan = plan;
        this.task = task;
        this.seed = seed;
        this.backend = backend;
        this.listeners = listeners;
        this.bundles = bundles;
        this.staging = staging;
        this.checkpointing = checkpointing;
    }

    /** Trains every trainer, adds its models to {@code models} (their folders under {@code prefix}) and returns the seed's report. */
    DepthReport run(int index, String prefix, List<TrainedModel> models) {
        Experiment e = plan.experiment();
        DataSplits data = task.data();
        Metric metric = task.metric();
        ArchitectureOptions size = e.architectureOptions();
        SeedStart start = new SeedStart(seed, index, e.seeds().size(), e.task(), data.train().size(), data.validation().size(),
                data.test().size(), e.architecture(), size.depth(), size.width(), backend.name(), backend.engineVersion(), metric);
        listeners.forEach(l -> l.onSeedBegin(start));
        String dataSha256 = DataFingerprint.sha256(data);
        TrainingConfig config = e.config().withSeed(seed);
        TaskOptions taskOptions = e.taskOptions().withSeed(seed);
        List<DepthCurve> curves = new ArrayList<>();
        List<DepthCurve> secondary = new ArrayList<>();
        List<DepthGap> gaps = new ArrayList<>();
        DepthCurve studied = null;
        if (e.interleaved()) {
            trainInTurns(config, taskOptions, dataSha256, prefix, models);
        }
        for (Map.Entry<String, ProgressiveTrainer> entry : plan.trainers().entrySet()) {
            String name = entry.getKey();
            ProgressiveTrainer trainer = entry.getValue();
            ResidualNetwork network = plan.networks().get(trainer.architecture(e.architecture()));
            List<ResidualNetwork> networks = trainer.networks(network);
            boolean perDepth = ExperimentRunner.isPerDepth(networks, network);
            Map<ResidualNetwork, Column> done = trained.computeIfAbsent(trainer.trainsLike(), k -> new IdentityHashMap<>());
            List<Integer> depths = networks.stream().filter(n -> !done.containsKey(n)).map(ResidualNetwork::depth).toList();
            if (!depths.isEmpty()) {
                listeners.forEach(l -> l.onTrainerBegin(name, depths));
            }
            List<Column> columns = new ArrayList<>();
            for (ResidualNetwork n : networks) {
                if (!done.containsKey(n)) {
                    String folder = prefix + name + (perDepth ? "/depth-" + n.depth() : "");
                    done.put(n, train(trainer, n, config, taskOptions, dataSha256, folder, models,
                            checkpoints(trainer, name, perDepth ? n.depth() : 0), List.of()));
                }
                columns.add(done.get(n));
            }
            Column column = perDepth ? Column.perDepth(trainer.name(), network.depth(), columns) : columns.get(0).named(trainer.name());
            curves.add(column.test());
            secondary.add(column.secondary());
            if (!perDepth && studied == null) {
                studied = column.test();
            } else if (perDepth && studied != null) {
                gaps.add(DepthGap.between(studied, column.test()));
            }
        }
        return new DepthReport(e.task(), e.architecture(), backend.name(), metric.label(), metric.lowerIsBetter(), e.architectureOptions().depth(),
                e.architectureOptions().width(), e.config().epochs(), seed, curves, task.secondaryMetric().label(), secondary, gaps);
    }

    /**
     * Trains the trainers of one model each (not a reference of one model per depth, which reuses their models and trains
     * after them), an epoch of each in turn on threads of their own ({@link TakingTurns}), and a batch of each in turn
     * through the first epoch, where the process's warm-up is most of the time: so the warm-up is shared between them
     * rather than paid by the first; each one's time leaves out its waits for its turns. Their
     * columns go into {@link #trained}, where the trainers' loop finds them, and their models into {@code models} in
     * training order.
     */
    private void trainInTurns(TrainingConfig config, TaskOptions taskOptions, String dataSha256, String prefix, List<TrainedModel> models) {
        Experiment e = plan.experiment();
        List<String> names = new ArrayList<>();
        List<String> like = new ArrayList<>();
        plan.trainers().forEach((name, trainer) -> {
            ResidualNetwork network = plan.networks().get(trainer.architecture(e.architecture()));
            if (!ExperimentRunner.isPerDepth(trainer.networks(network), network) && !like.contains(trainer.trainsLike())) {
                names.add(name);
                like.add(trainer.trainsLike());
            }
        });
        if (names.size() < 2) {
            return;
        }
        List<List<TrainedModel>> kept = new ArrayList<>();
        List<Function<TakingTurns.Turn, Column>> tasks = new ArrayList<>();
        for (String name : names) {
            ProgressiveTrainer trainer = plan.trainers().get(name);
            ResidualNetwork network = plan.networks().get(trainer.architecture(e.architecture()));
            List<TrainedModel> own = Collections.synchronizedList(new ArrayList<>());
            kept.add(own);
            tasks.add(turn -> {
                listeners.forEach(l -> l.onTrainerBegin(name, List.of(network.depth())));
                TrainingListener handOver = new TrainingListener() {
                    /** Whether the training's first epoch has ended (a trainer of stages, e.g. grades, counts epochs per stage). */
                    private boolean pastFirstEpoch;

                    @Override
                    public void onBatch(String t, int epoch, int batch, double loss) {
                        if (!pastFirstEpoch) {
                            turn.pass();
                        }
                    }

                    @Override
                    public void onEpoch(String t, int epoch, double meanLoss, double[] validationPerDepth) {
                        pastFirstEpoch = true;
                        turn.pass();
                    }

                    @Override
                    public long heldNanos() {
                        return turn.waitedNanos();
                    }
                };
                return train(trainer, network, config, taskOptions, dataSha256, prefix + name, own, checkpoints(trainer, name, 0),
                        List.of(handOver));
            });
        }
        List<Column> columns;
        try {
            columns = new TakingTurns().run(tasks, names.stream().map(n -> "lpa4j-train-" + n).toList());
        } finally {
            kept.forEach(models::addAll);
        }
        for (int i = 0; i < names.size(); i++) {
            ProgressiveTrainer trainer = plan.trainers().get(names.get(i));
            ResidualNetwork network = plan.networks().get(trainer.architecture(e.architecture()));
            trained.computeIfAbsent(trainer.trainsLike(), k -> new IdentityHashMap<>()).put(network, columns.get(i));
        }
    }

    /**
     * Trains one model, measures it, and keeps it or saves it into {@code folder} and closes it; {@code more} listens after
     * the experiment's listeners (the trainer leaves the time they hold it up out of its own, {@link TrainingListener#heldNanos()}).
     */
    private Column train(ProgressiveTrainer trainer, ResidualNetwork network, TrainingConfig config, TaskOptions taskOptions,
                         String dataSha256, String folder, List<TrainedModel> models, Checkpointing checkpoints,
                         List<TrainingListener> more) {
        List<TrainingListener> all = new ArrayList<>(listeners);
        all.addAll(more);
        TrainingResult result = trainer.train(backend, network, task.data(), config, task.metric(), List.copyOf(all), checkpoints);
        try {
            DepthCurve test = result.test();
            DepthCurve secondary = new DepthCurve(test.trainer(), Provenance.byDepth(task.secondaryMetric(), result.model(), task.data().test()),
                    test.wallSeconds(), test.epochsRun());
            ModelManifest info = Provenance.of(result, trainer, task, taskOptions, dataSha256, config, backend, secondary);
            if (bundles != null) {
                bundles.save(result.model(), info, staging.resolve(folder));
                result.close();
                models.add(new TrainedModel(trainer.name(), seed, folder, info, null));
            } else {
                models.add(new TrainedModel(trainer.name(), seed, folder, info, result.model()));
            }
            return new Column(test, secondary);
        } catch (RuntimeException | Error e) {
            result.close();
            throw e;
        }
    }

    /**
     * The checkpoints of trainer {@code name}'s model (of depth {@code depth} for one model per depth, else 0), when the
     * trainer writes them: a resumed run resumes the trainings that wrote one and runs the others afresh, which gives what
     * they would have given.
     */
    private Checkpointing checkpoints(ProgressiveTrainer trainer, String name, int depth) {
        if (checkpointing == null || !trainer.writesCheckpoints()) {
            return null;
        }
        Checkpointing c = checkpointing.part(name);
        return (depth == 0 ? c : c.part("depth-" + depth)).resumingIfStored();
    }

    /** A column of the report: the test metric and the second test metric at every depth. */
    private record Column(DepthCurve test, DepthCurve secondary) {

        Column named(String trainer) {
            return new Column(rename(test, trainer), rename(secondary, trainer));
        }

        /** At depth k the deepest value of the model trained for k (NaN where none was); the models' total time and most epochs. */
        static Column perDepth(String trainer, int depth, List<Column> models) {
            return new Column(DepthCurve.ofModels(trainer, depth, models.stream().map(Column::test).toList()),
                    DepthCurve.ofModels(trainer, depth, models.stream().map(Column::secondary).toList()));
        }

        private static DepthCurve rename(DepthCurve c, String trainer) {
            return c.trainer().equals(trainer) ? c : new DepthCurve(trainer, c.values(), c.wallSeconds(), c.epochsRun());
        }
    }
}
