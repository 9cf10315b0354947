package org.lpa4j.trainers.multigrade;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.lpa4j.api.Lpa4jException;
import org.lpa4j.api.backend.Backend;
import org.lpa4j.api.compile.CompiledForward;
import org.lpa4j.api.compile.InputSpec;
import org.lpa4j.api.compile.VariableStore;
import org.lpa4j.api.data.DataSplits;
import org.lpa4j.api.data.Metric;
import org.lpa4j.api.data.TensorDataset;
import org.lpa4j.api.model.GradedNetwork;
import org.lpa4j.api.model.ProgressiveModel;
import org.lpa4j.api.model.ResidualNetwork;
import org.lpa4j.api.model.RowBatches;
import org.lpa4j.api.params.ParameterSet;
import org.lpa4j.api.tensor.DType;
import org.lpa4j.api.tensor.HostTensor;
import org.lpa4j.api.tensor.Shape;
import org.lpa4j.api.training.Checkpointing;
import org.lpa4j.api.training.DepthCurve;
import org.lpa4j.api.training.TrainingCheckpoint;
import org.lpa4j.api.training.ProgressiveTrainer;
import org.lpa4j.api.training.ResidualTarget;
import org.lpa4j.api.training.TrainingConfig;
import org.lpa4j.api.training.TrainingListener;
import org.lpa4j.api.training.TrainingResult;
import org.lpa4j.trainers.Resumption;
import org.lpa4j.trainers.RunIdentity;
import org.lpa4j.trainers.TrainingLoop;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Multigrade training of a {@link GradedNetwork} (the {@code graded} architecture's, or any other that offers grades):
 * the {@link TrainingLoop} runs once per grade, grade k alone training
 * (the step's trainable subset is grade k's parameters, every earlier grade stays frozen in the same store) on the
 * residual the earlier grades left. The earlier grades' last hidden features and predictions are computed once per grade
 * on the host and fed in, so they cost nothing during later grades.
 *
 * <p>Every grade trains with the {@link TrainingConfig} it is given (epochs, batch size, learning rate and schedule,
 * optimizer with a fresh state per grade, seed, patience), unless {@link #withSchedules} gives each grade its own epochs,
 * batch size and exponentially decaying rate. Adaptive runs keep adding grades while the validation metric improves and
 * has not reached the tolerance; a grade that does not improve it is dropped. Listeners see one begin/end pair per
 * grade; {@link GradeListener}s also get each grade's train, validation and test metric.
 */
public final class MultigradeTrainer implements ProgressiveTrainer {
    /** The registered architecture of grades an experiment's multigrade trainer trains, whatever architecture the others train. */
    public static final String ARCHITECTURE = "graded";
    private static final Logger LOG = LoggerFactory.getLogger(MultigradeTrainer.class);

    private final boolean adaptive;
    private final double tolerance;
    private final List<GradeSchedule> schedules;
    private final List<GradeListener> gradeListeners;
    private final boolean sharedEpochs;

    private MultigradeTrainer(boolean adaptive, double tolerance, List<GradeSchedule> schedules, List<GradeListener> gradeListeners,
                              boolean sharedEpochs) {
        this.sharedEpochs = sharedEpochs;
        this.adaptive = adaptive;
        this.tolerance = tolerance;
        this.schedules = List.copyOf(schedules);
        this.gradeListeners = List.copyOf(gradeListeners);
    }

    /** Trains every grade of the network. */
    public static MultigradeTrainer allGrades() {
        return new MultigradeTrainer(false, Double.NaN, List.of(), List.of(), false);
    }

    /**
     * Adds grades (at most the network's) while the validation metric improves and has not reached {@code tolerance}
     * (at most it for lower-is-better metrics, at least it otherwise); a grade that does not improve it is dropped.
     */
    public static MultigradeTrainer adaptive(double tolerance) {
        if (!Double.isFinite(tolerance)) {
            throw new Lpa4jException("The multigrade tolerance must be a finite number but is " + tolerance + ".");
        }
        return new MultigradeTrainer(true, tolerance, List.of(), List.of(), false);
    }

    /** This trainer with one schedule per grade (grade 1 first) in place of the run's epochs, batch size and rate. */
    public MultigradeTrainer withSchedules(List<GradeSchedule> perGrade) {
        Objects.requireNonNull(perGrade, "perGrade is null");
        return new MultigradeTrainer(adaptive, tolerance, perGrade, gradeListeners, sharedEpochs);
    }

    /** This trainer, also telling {@code listener} about every finished grade. */
    public MultigradeTrainer onGradeEnd(GradeListener listener) {
        Objects.requireNonNull(listener, "listener is null");
        List<GradeListener> all = new ArrayList<>(gradeListeners);
        all.add(listener);
        return new MultigradeTrainer(adaptive, tolerance, schedules, all, sharedEpochs);
    }

    /**
     * This trainer with the run's epochs shared among the grades: each grade trains {@code epochs / grades} of them (at
     * least one), so the whole run takes about as many epochs as another trainer's.
     */
    public MultigradeTrainer withSharedEpochs() {
        return new MultigradeTrainer(adaptive, tolerance, schedules, gradeListeners, true);
    }

    /** Every run of this trainer writes and resumes checkpoints. */
    @Override
    public boolean writesCheckpoints() {
        return true;
    }

    @Override
    public String name() {
        return "multigrade";
    }

    /** The {@value #ARCHITECTURE} architecture of grades, whichever the others train. */
    @Override
    public String architecture(String requested) {
        return ARCHITECTURE;
    }

    /** The tolerance of an adaptive run and whether the epochs are shared among the grades. */
    @Override
    public Map<String, Object> options() {
        Map<String, Object> options = new LinkedHashMap<>();
        if (adaptive) {
            options.put("gradeTolerance", tolerance);
        }
        options.put("sharedEpochs", sharedEpochs);
        return options;
    }

    @Override
    public TrainingResult train(Backend backend, ResidualNetwork network, DataSplits data, TrainingConfig config, Metric metric,
                                List<TrainingListener> listeners) {
        return train(backend, network, data, config, metric, listeners, null);
    }

    /** The options and the grade schedules, which a checkpoint records (a resumed run must have the same). */
    private Map<String, Object> checkpointOptions() {
        Map<String, Object> options = new LinkedHashMap<>(options());
        options.put("tolerance", adaptive ? tolerance : "none (every grade)");
        options.put("gradeSchedules", schedules.isEmpty() ? "none" : schedules.toString());
        return options;
    }

    /**
     * {@link #train(Backend, ResidualNetwork, DataSplits, TrainingConfig, Metric, List)} with {@code checkpoints} (null:
     * none), in each grade's epochs: a resumed training takes the finished grades' weights from the checkpoint (their
     * results are measured again, as they were), continues the grade it was training and trains the rest.
     */
    @Override
    public TrainingResult train(Backend backend, ResidualNetwork network, DataSplits data, TrainingConfig config, Metric metric,
                                List<TrainingListener> listeners, Checkpointing checkpoints) {
        GradedNetwork graded = requireGrades(network);
        if (!schedules.isEmpty() && schedules.size() != graded.depth()) {
            throw new Lpa4jException("The multigrade trainer has " + schedules.size() + " grade schedules for a network of "
                    + graded.depth() + " grades; give one schedule per grade, or none to train every grade with the run's settings.");
        }
        DType dtype = graded.input().dtype();
        GradeSplit train = new GradeSplit("train", data.train(), dtype);
        GradeSplit validation = new GradeSplit("validation", data.validation(), dtype);
        GradeSplit test = new GradeSplit("test", data.test(), dtype);
        requireShapes(graded, data.train());
        ResidualTarget target = ResidualTarget.of(data.train());
        VariableStore store = backend.createVariables(ParameterSet.initialize(graded.parameters(), config.seed(), dtype));
        Map<String, String> identity = checkpoints == null ? Map.of() : RunIdentity.of(name(), checkpointOptions(), config, graded, data);
        TrainingCheckpoint from = checkpoints != null && checkpoints.resume() ? Resumption.load(checkpoints, identity) : null;
        double[] doneEpochs = from == null ? new double[0] : TrainingLoop.stageState(from.loopState()).get(GradeStage.EARLIER_EPOCHS);
        try {
            if (from != null) {
                store.load(from.parameters());
            }
            // Origins of the training's and each grade's own time: elapsed less what the listeners held it up.
            long start = System.nanoTime() - TrainingListener.totalHeldNanos(listeners);
            List<Double> validationPerGrade = new ArrayList<>();
            List<Double> testPerGrade = new ArrayList<>();
            int epochsRun = 0;
            int kept = 0;
            List<Integer> epochsPerGrade = new ArrayList<>();
            for (int k = 1; k <= graded.depth(); k++) {
                long gradeStart = System.nanoTime() - TrainingListener.totalHeldNanos(listeners);
                TrainingConfig gradeConfig = !schedules.isEmpty() ? schedules.get(k - 1).apply(config)
                        : sharedEpochs ? config.withEpochs(Math.max(1, Math.round((float) config.epochs() / graded.depth()))) : config;
                int epochs;
                if (from != null && k < from.stage()) {
                    epochs = (int) doneEpochs[k - 1];
                } else {
                    Checkpointing gradeCheckpoints = checkpoints == null ? null : new Checkpointing(checkpoints.store(), checkpoints.everyEpochs(),
                            checkpoints.every(), from != null && k == from.stage());
                    try (GradeStage stage = new GradeStage(graded, k, store, target, metric, train, validation, validationPerGrade,
                            Arrays.copyOf(epochsPerGrade.stream().mapToDouble(Integer::doubleValue).toArray(), k - 1))) {
                        epochs = new TrainingLoop(name(), gradeConfig, metric, listeners).run(store, stage, k, name() + " (grade " + k + ")",
                                gradeCheckpoints, identity).epochsRun();
                    }
                }
                epochsPerGrade.add(epochs);
                epochsRun += epochs;
                HostTensor[][] next = predictNext(graded, k, store, train, validation, test);
                double seconds = (System.nanoTime() - TrainingListener.totalHeldNanos(listeners) - gradeStart) / 1e9;
                double val = metric.evaluate(next[1][1], validation.data.y());
                boolean improved = validationPerGrade.isEmpty() || better(metric, val, validationPerGrade.get(validationPerGrade.size() - 1));
                boolean keep = !adaptive || improved;
                GradeResult result = new GradeResult(k, graded.describeGrade(k),
                        metric.evaluate(next[0][1], train.data.y()), val, metric.evaluate(next[2][1], test.data.y()), seconds, epochs, keep);
                LOG.info("{} grade {} {}: {} train {}, validation {}, test {} in {}s{}", name(), k, result.layers(), metric.label(),
                        result.train(), result.validation(), result.test(), String.format("%.1f", result.seconds()),
                        keep ? "" : "; dropped: the validation error did not improve");
                gradeListeners.forEach(l -> l.onGradeEnd(name(), result, store::export));
                if (!keep) {
                    break;
                }
                kept = k;
                train.advance(next[0][0], next[0][1]);
                validation.advance(next[1][0], next[1][1]);
                test.advance(next[2][0], next[2][1]);
                validationPerGrade.add(val);
                testPerGrade.add(result.test());
                if (adaptive && reached(metric, val)) {
                    LOG.info("{}: validation {} {} reached the tolerance {} after grade {}", name(), metric.label(), val, tolerance, k);
                    break;
                }
            }
            double seconds = (System.nanoTime() - TrainingListener.totalHeldNanos(listeners) - start) / 1e9;
            double[] curve = testPerGrade.stream().mapToDouble(Double::doubleValue).toArray();
            GradedNetwork trained = graded.prefix(kept);
            VariableStore modelStore = kept == graded.depth() ? store : keepGrades(backend, store, trained);
            return new TrainingResult(new ProgressiveModel(trained, modelStore), new DepthCurve(name(), curve, seconds, epochsRun));
        } catch (RuntimeException e) {
            store.close();
            throw e;
        }
    }

    private static GradedNetwork requireGrades(ResidualNetwork network) {
        if (network instanceof GradedNetwork graded) {
            return graded;
        }
        throw new Lpa4jException("The multigrade trainer trains a network of grades (a GradedNetwork, such as architecture 'graded'), but"
                + " got the '" + network.name() + "' architecture, which has none; build a network of grades, or use the lpa or e2e trainer.");
    }

    /** For each split: grade k's last hidden features and the prediction after grade k. */
    private static HostTensor[][] predictNext(GradedNetwork graded, int k, VariableStore store, GradeSplit... splits) {
        try (CompiledForward grade = store.compileForward(List.of(InputSpec.batched(GradeStage.FEATURES, graded.input().dtype(), graded.inputWidth(k))),
                (ops, p, in) -> graded.gradeForward(k, ops, p, in.get(0)))) {
            HostTensor[][] next = new HostTensor[splits.length][];
            for (int i = 0; i < splits.length; i++) {
                List<HostTensor> out = RowBatches.run(grade, splits[i].features);
                next[i] = new HostTensor[] {out.get(0), splits[i].plus(out.get(1))};
            }
            return next;
        }
    }

    /** A store holding only the kept grades' weights; closes {@code all}. */
    private static VariableStore keepGrades(Backend backend, VariableStore all, GradedNetwork kept) {
        try (all) {
            ParameterSet every = all.export();
            Map<String, HostTensor> subset = new LinkedHashMap<>();
            kept.parameters().forEach(s -> subset.put(s.name(), every.get(s.name())));
            return backend.createVariables(ParameterSet.of(subset));
        }
    }

    private static void requireShapes(GradedNetwork graded, TensorDataset train) {
        Shape x = train.x().shape();
        if (x.rank() != 2 || x.dim(1) != graded.inputWidth(1)) {
            throw new Lpa4jException("The network's first grade reads " + graded.inputWidth(1) + " input features per example, but the task's inputs have shape "
                    + x + "; build the network with the task's input width.");
        }
        if (!train.isClassification() && train.y().size() / train.size() != graded.outputDim()) {
            throw new Lpa4jException("The network's grades predict " + graded.outputDim() + " values per example, but the task's targets have shape "
                    + train.y().shape() + "; build the network with the task's output width.");
        }
    }

    private boolean reached(Metric metric, double value) {
        return metric.lowerIsBetter() ? value <= tolerance : value >= tolerance;
    }

    private static boolean better(Metric metric, double value, double previous) {
        return metric.lowerIsBetter() ? value < previous : value > previous;
    }
}
