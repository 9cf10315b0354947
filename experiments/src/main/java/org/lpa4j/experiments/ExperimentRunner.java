package org.lpa4j.experiments;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.lpa4j.api.InvalidSettingException;
import org.lpa4j.api.Lpa4jException;
import org.lpa4j.api.backend.Backend;
import org.lpa4j.api.backend.Backends;
import org.lpa4j.api.io.AtomicDirectories;
import org.lpa4j.api.io.FolderExistsException;
import org.lpa4j.api.io.Occupant;
import org.lpa4j.api.io.FolderLockedException;
import org.lpa4j.api.model.ResidualNetwork;
import org.lpa4j.api.params.ParameterSpec;
import org.lpa4j.api.task.LoadedTask;
import org.lpa4j.api.training.Checkpointing;
import org.lpa4j.api.training.ProgressiveTrainer;
import org.lpa4j.api.training.TrainerProvider;
import org.lpa4j.models.CheckpointFiles;
import org.lpa4j.models.ModelBundles;

/**
 * Runs an {@link Experiment}: for every seed, every trainer trains the networks it asks for on the seed's data, each
 * model is measured at every depth on every split and kept, or saved with its provenance; the result holds a report
 * per seed and their summary. Every setting that needs a registry is checked before any data is loaded or any
 * training starts. A model two trainers would train alike (the separate models' deepest one and E2E's) is trained once.
 * The trainers of one model each take turns, an epoch each, unless the experiment says otherwise ({@link Experiment#interleaved()}).
 */
public final class ExperimentRunner {
    private final Registries registries;
    private final ModelBundles bundles;

    /** A runner of the tasks, architectures, trainers and backends registered on the classpath. */
    public ExperimentRunner() {
        this(Registries.discover());
    }

    /** A runner of the given registries (e.g. bound by an injector); models are saved through {@link Registries#bundles()}. */
    public ExperimentRunner(Registries registries) {
        this.registries = Objects.requireNonNull(registries, "registries is null");
        this.bundles = registries.bundles();
    }

    /** Runs {@code experiment}; the result holds the trained models and their backend until it is closed. */
    public ExperimentResult run(Experiment experiment, List<? extends ExperimentListener> listeners) {
        Plan plan = plan(experiment);
        return execute(plan, null, null, listeners, null);
    }

    /**
     * Runs {@code experiment} and writes its result into {@code output} as a whole: {@value ExperimentOutput#REPORT_FILE}, one
     * bundle per model and the output's extra files appear together when the run is complete, and nothing otherwise. The
     * result holds no models (they are saved and closed as they are trained).
     */
    public ExperimentResult run(Experiment experiment, ExperimentOutput output, List<? extends ExperimentListener> listeners) {
        return run(experiment, output, listeners, null);
    }

    /**
     * As {@link #run(Experiment, ExperimentOutput, List)}, on {@code open}, a backend already open that the run leaves open
     * (a process that runs many experiments, e.g. a sweep's executor, opens its engine once); null opens the experiment's own.
     */
    public ExperimentResult run(Experiment experiment, ExperimentOutput output, List<? extends ExperimentListener> listeners, Backend open) {
        Plan plan = plan(experiment);
        Path dir = output.dir().toAbsolutePath().normalize();
        ExperimentResult[] result = new ExperimentResult[1];
        try {
            AtomicDirectories.checkWritable(dir, output.replace());
            requireWritableParent(dir);
            CheckpointFiles checkpoints = new CheckpointFiles(output.checkpointDir());
            Checkpointing checkpointing = checkpointing(output, checkpoints);
            AtomicDirectories.write(dir, output.replace(), staging -> {
                result[0] = execute(plan, staging, checkpointing, listeners, open);
                ReportJson.write(result[0].report(), staging.resolve(ExperimentOutput.REPORT_FILE));
                output.also().write(result[0], staging);
            });
            checkpoints.delete();
        } catch (FolderExistsException e) {
            throw occupied(dir, e);
        } catch (FolderLockedException e) {
            throw new InvalidSettingException("out", "Another run is writing the output folder " + dir + " right now; wait for it to finish"
                    + " or choose another folder.");
        } catch (IOException e) {
            throw new Lpa4jException("The experiment's result could not be written to " + dir + " (" + e.getClass().getSimpleName() + ": "
                    + e.getMessage() + "); nothing was written there.", e);
        }
        return result[0];
    }

    /** The checkpoints of {@code output}'s trainings in {@code files}; resuming needs them there. */
    private static Checkpointing checkpointing(ExperimentOutput output, CheckpointFiles files) {
        ExperimentOutput.Checkpoints c = output.checkpoints();
        if (c.resume() && !Files.isDirectory(files.dir())) {
            throw new InvalidSettingException("resume", "There are no checkpoints of a run into " + output.dir() + " to resume ("
                    + files.dir() + " does not exist): the run finished (its checkpoints are removed then), or it was stopped before"
                    + " its first checkpoint. Run it afresh.");
        }
        return new Checkpointing(files, c.everyEpochs(), c.every(), c.resume());
    }

    /** The trainers built from their options, the networks they train and the first seed's data: every check before training. */
    private Plan plan(Experiment e) {
        Map<String, ProgressiveTrainer> trainers = new LinkedHashMap<>();
        e.trainers().forEach((name, options) -> {
            // Under its registered name, so a former name (mgdl) reports and saves as the trainer is called now.
            TrainerProvider provider = registries.trainers().require(name);
            if (trainers.put(provider.name(), provider.create(options)) != null) {
                throw new InvalidSettingException("trainers", "The trainer " + provider.name() + " is listed twice, once under a former"
                        + " name (" + String.join(", ", provider.formerNames()) + "); list each trainer once.");
            }
        });
        registries.architectures().require(e.architecture());
        LoadedTask first = registries.tasks().load(e.task(), e.taskOptions().withSeed(e.seeds().get(0)));
        Map<String, ResidualNetwork> networks = new HashMap<>();
        for (ProgressiveTrainer trainer : trainers.values()) {
            String architecture = trainer.architecture(e.architecture());
            if (!networks.containsKey(architecture)) {
                networks.put(architecture, requireTrainable(registries.architectures().create(architecture, first.shape(), e.architectureOptions())));
            }
            trainer.networks(networks.get(architecture));
        }
        // Trainers of one model each first, so a reference of one model per depth can reuse theirs; each keeps its order.
        List<String> order = new ArrayList<>();
        trainers.forEach((name, t) -> {
            ResidualNetwork network = networks.get(t.architecture(e.architecture()));
            if (!isPerDepth(t.networks(network), network)) {
                order.add(name);
            }
        });
        trainers.keySet().stream().filter(n -> !order.contains(n)).forEach(order::add);
        Map<String, ProgressiveTrainer> ordered = new LinkedHashMap<>();
        order.forEach(n -> ordered.put(n, trainers.get(n)));
        return new Plan(e, ordered, networks, first);
    }

    private ExperimentResult execute(Plan plan, Path staging, Checkpointing checkpointing, List<? extends ExperimentListener> listeners,
                                     Backend open) {
        Backend backend = open != null ? open : Backends.open(registries.backends(), plan.experiment().backend());
        List<TrainedModel> models = new ArrayList<>();
        try {
            backend.warmUp();
            List<DepthReport> runs = new ArrayList<>();
            List<Long> seeds = plan.experiment().seeds();
            for (int i = 0; i < seeds.size(); i++) {
                LoadedTask task = i == 0 ? plan.first() : registries.tasks().load(plan.experiment().task(),
                        plan.experiment().taskOptions().withSeed(seeds.get(i)));
                SeedRun run = new SeedRun(plan, task, seeds.get(i), backend, listeners, staging == null ? null : bundles, staging,
                        checkpointing == null ? null : checkpointing.part("seed-" + seeds.get(i)));
                DepthReport report = run.run(i, seeds.size() == 1 ? "" : "seed-" + seeds.get(i) + "/", models);
                runs.add(report);
                listeners.forEach(l -> l.onSeedEnd(report));
            }
            return new ExperimentResult(runs, models, plan.first().metric(), plan.first().secondaryMetric(), staging == null ? backend : null);
        } catch (RuntimeException | Error e) {
            models.stream().filter(m -> m.model() != null).forEach(m -> m.model().close());
            if (open == null) {
                backend.close();
            }
            throw e;
        } finally {
            if (staging != null && open == null) {
                backend.close();
            }
        }
    }

    /** Whether a trainer asked to train {@code network} trains {@code networks} as a reference of one model per depth (cut networks). */
    static boolean isPerDepth(List<ResidualNetwork> networks, ResidualNetwork network) {
        return networks.size() != 1 || networks.get(0) != network;
    }

    /** {@code network}, unless its parameters would not fit in memory with their gradients and optimizer state. */
    private static ResidualNetwork requireTrainable(ResidualNetwork network) {
        long parameters = 0;
        for (ParameterSpec spec : network.parameters()) {
            parameters = Math.addExact(parameters, spec.shape().size());
        }
        if (parameters > Experiment.MAX_PARAMETERS) {
            throw new InvalidSettingException("width", "A " + network.name() + " of depth " + network.depth() + " has " + parameters
                    + " parameters, more than the " + Experiment.MAX_PARAMETERS + " that lpa4j trains on a CPU (their weights, gradients and"
                    + " optimizer state would not fit in memory); lower the width or the depth.");
        }
        return network;
    }

    /** The sentence for an output folder in the way: earlier results (kept unless replacing), or something never replaced. */
    private static InvalidSettingException occupied(Path dir, FolderExistsException e) {
        if (e.occupant() == Occupant.RESULT) {
            return new InvalidSettingException("replace", "The output folder " + dir + " already holds results; they are kept. Choose"
                    + " another folder, or replace them as a whole.");
        }
        return new InvalidSettingException("out", e.getMessage());
    }

    /** Fails before any training when the folder that will hold {@code dir} cannot be written. */
    private static void requireWritableParent(Path dir) {
        try {
            Path parent = Files.createDirectories(dir.getParent());
            Path probe = Files.createTempFile(parent, ".write-check", ".tmp");
            Files.delete(probe);
        } catch (IOException | SecurityException e) {
            throw new InvalidSettingException("out", "Cannot write to the output folder " + dir + " (" + e.getClass().getSimpleName() + ": "
                    + e.getMessage() + "). Choose a writable folder.");
        }
    }

    /** What every seed's run shares: the experiment, its trainers in training order, their networks by architecture, the first seed's data. */
    record Plan(Experiment experiment, Map<String, ProgressiveTrainer> trainers, Map<String, ResidualNetwork> networks, LoadedTask first) {
    }
}
