package org.lpa4j.trainers.multigrade;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import org.lpa4j.api.Lpa4jException;
import org.lpa4j.api.backend.Backend;
import org.lpa4j.api.compile.CompiledForward;
import org.lpa4j.api.compile.CompiledTrainStep;
import org.lpa4j.api.compile.InputSpec;
import org.lpa4j.api.compile.LossFunction;
import org.lpa4j.api.compile.VariableStore;
import org.lpa4j.api.data.DataSplits;
import org.lpa4j.api.data.Metric;
import org.lpa4j.api.data.Permutation;
import org.lpa4j.api.data.TensorDataset;
import org.lpa4j.api.model.ProgressiveModel;
import org.lpa4j.api.model.ResidualNetwork;
import org.lpa4j.api.model.RowBatches;
import org.lpa4j.api.params.ParameterSet;
import org.lpa4j.api.tensor.DType;
import org.lpa4j.api.tensor.HostTensor;
import org.lpa4j.api.tensor.Shape;
import org.lpa4j.api.tensor.Tensor;
import org.lpa4j.api.training.DepthCurve;
import org.lpa4j.api.training.ProgressiveTrainer;
import org.lpa4j.api.training.ResidualTarget;
import org.lpa4j.api.training.TrainingConfig;
import org.lpa4j.api.training.TrainingListener;
import org.lpa4j.api.training.TrainingResult;
import org.lpa4j.trainers.TrainingDivergedException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Multigrade training of a {@link StairNetwork}: grade k alone is trained (the train step's trainable subset is grade
 * k's parameters, every earlier grade stays frozen in the same store) on the residual the earlier grades left, i.e. the
 * loss of {@code previous prediction + grade k output} against y, with the grade's own epochs, batch size and
 * exponentially decaying learning rate. The earlier grades' last hidden features and predictions are computed once per
 * grade on the host and fed in, so they cost nothing during later grades.
 *
 * <p>From the {@link TrainingConfig} it takes the optimizer (a fresh state per grade), the seed and nothing else: epochs,
 * batch size and learning rate are per grade. Adaptive runs keep adding grades while the validation metric improves and
 * has not reached the tolerance; a grade that does not improve it is dropped. Listeners see one begin/end pair per
 * grade; {@link GradeListener}s also get each grade's train, validation and test metric.
 */
public final class MultigradeTrainer implements ProgressiveTrainer {
    private static final Logger LOG = LoggerFactory.getLogger(MultigradeTrainer.class);

    private final boolean adaptive;
    private final double tolerance;

    private MultigradeTrainer(boolean adaptive, double tolerance) {
        this.adaptive = adaptive;
        this.tolerance = tolerance;
    }

    /** Trains every grade of the network. */
    public static MultigradeTrainer allGrades() {
        return new MultigradeTrainer(false, Double.NaN);
    }

    /**
     * Adds grades (at most the network's) while the validation metric improves and has not reached {@code tolerance}
     * (at most it for lower-is-better metrics, at least it otherwise); a grade that does not improve it is dropped.
     */
    public static MultigradeTrainer adaptive(double tolerance) {
        if (!Double.isFinite(tolerance)) {
            throw new Lpa4jException("The multigrade tolerance must be a finite number but is " + tolerance + ".");
        }
        return new MultigradeTrainer(true, tolerance);
    }

    @Override
    public String name() {
        return "mgdl";
    }

    @Override
    public TrainingResult train(Backend backend, ResidualNetwork network, DataSplits data, TrainingConfig config, Metric metric,
                                List<TrainingListener> listeners) {
        if (!(network instanceof StairNetwork)) {
            throw new Lpa4jException("The multigrade trainer trains a stair network (grades of shallow MLPs), but got the '" + network.name()
                    + "' architecture; build a StairNetwork from grade specs, or use the lpa or e2e trainer.");
        }
        StairNetwork stair = (StairNetwork) network;
        DType dtype = stair.dtype();
        Split train = new Split("train", data.train(), dtype);
        Split validation = new Split("validation", data.validation(), dtype);
        Split test = new Split("test", data.test(), dtype);
        requireShapes(stair, data.train());
        ResidualTarget target = data.train().isClassification() ? ResidualTarget.crossEntropy() : ResidualTarget.meanSquaredError();
        VariableStore store = backend.createVariables(ParameterSet.initialize(stair.parameters(), config.seed(), dtype));
        try {
            long start = System.nanoTime();
            List<Double> validationPerGrade = new ArrayList<>();
            List<Double> testPerGrade = new ArrayList<>();
            int epochsRun = 0;
            int kept = 0;
            for (int k = 1; k <= stair.depth(); k++) {
                long gradeStart = System.nanoTime();
                int epochs = trainGrade(stair, k, store, target, train, validation, config, metric, listeners, validationPerGrade);
                epochsRun += epochs;
                Step[] next = predictNext(stair, k, store, train, validation, test);
                double seconds = (System.nanoTime() - gradeStart) / 1e9;
                listeners.forEach(l -> l.onTrainingEnd(name(), epochs, seconds));
                double val = metric.evaluate(next[1].prediction, validation.data.y());
                boolean improved = validationPerGrade.isEmpty() || better(metric, val, validationPerGrade.get(validationPerGrade.size() - 1));
                boolean keep = !adaptive || improved;
                GradeResult result = new GradeResult(k, stair.grade(k).describe(stair.inputWidth(k), stair.outputDim()),
                        metric.evaluate(next[0].prediction, train.data.y()), val, metric.evaluate(next[2].prediction, test.data.y()),
                        seconds, epochs, keep);
                LOG.info("{} grade {} {}: {} train {}, validation {}, test {} in {}s{}", name(), k, result.layers(), metric.label(),
                        result.train(), result.validation(), result.test(), String.format("%.1f", result.seconds()),
                        keep ? "" : "; dropped: the validation error did not improve");
                for (TrainingListener l : listeners) {
                    if (l instanceof GradeListener) {
                        ((GradeListener) l).onGradeEnd(name(), result, store::export);
                    }
                }
                if (!keep) {
                    break;
                }
                kept = k;
                train.advance(next[0]);
                validation.advance(next[1]);
                test.advance(next[2]);
                validationPerGrade.add(val);
                testPerGrade.add(result.test());
                if (adaptive && reached(metric, val)) {
                    LOG.info("{}: validation {} {} reached the tolerance {} after grade {}", name(), metric.label(), val, tolerance, k);
                    break;
                }
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            double[] curve = testPerGrade.stream().mapToDouble(Double::doubleValue).toArray();
            StairNetwork trained = stair.prefix(kept);
            VariableStore modelStore = kept == stair.depth() ? store : keepGrades(backend, store, trained);
            return new TrainingResult(new ProgressiveModel(trained, modelStore), new DepthCurve(name(), curve, seconds, epochsRun));
        } catch (RuntimeException e) {
            store.close();
            throw e;
        }
    }

    /** Trains grade {@code k} with every other grade frozen; returns the epochs run. */
    private int trainGrade(StairNetwork stair, int k, VariableStore store, ResidualTarget target, Split train, Split validation,
                                TrainingConfig config, Metric metric, List<TrainingListener> listeners, List<Double> validationPerGrade) {
        GradeSpec spec = stair.grade(k);
        DType dtype = stair.dtype();
        boolean first = k == 1;
        List<InputSpec> specs = new ArrayList<>();
        specs.add(InputSpec.batched("features", dtype, stair.inputWidth(k)));
        if (!first) {
            specs.add(batchedLike("previous", train.prediction));
        }
        specs.add(batchedLike("y", train.data.y()));
        LossFunction loss = (ops, p, in) -> {
            Tensor out = stair.gradeForward(k, ops, p, in.get(0)).get(1);
            return target.loss(ops, first ? out : ops.add(in.get(1), out), in.get(in.size() - 1));
        };
        Set<String> trainable = stair.blockParameters(k);
        int n = train.data.size();
        int batches = (n + spec.batchSize() - 1) / spec.batchSize();
        try (CompiledTrainStep step = store.compileTrainStep(specs, loss, trainable, config.optimizer());
             CompiledForward output = store.compileForward(List.of(specs.get(0)),
                     (ops, p, in) -> List.of(stair.gradeForward(k, ops, p, in.get(0)).get(1)))) {
            listeners.forEach(l -> l.onTrainingBegin(name(), spec.epochs(), batches));
            for (int epoch = 1; epoch <= spec.epochs(); epoch++) {
                double lr = spec.learningRate().at(epoch - 1, spec.epochs());
                int[] order = Permutation.of(n, new SplittableRandom(config.seed() * 1_000_003L + k * 10_007L + epoch));
                double lossSum = 0;
                for (int b = 0; b < batches; b++) {
                    int from = b * spec.batchSize();
                    int[] idx = Arrays.copyOfRange(order, from, Math.min(n, from + spec.batchSize()));
                    List<HostTensor> inputs = new ArrayList<>(3);
                    inputs.add(TensorDataset.rows(train.features, idx));
                    if (!first) {
                        inputs.add(TensorDataset.rows(train.prediction, idx));
                    }
                    inputs.add(TensorDataset.rows(train.data.y(), idx));
                    double value = step.run(inputs, lr);
                    if (!Double.isFinite(value)) {
                        throw new TrainingDivergedException(name() + " (grade " + k + ")", epoch, b + 1, lr);
                    }
                    lossSum += value;
                    int epochNo = epoch;
                    int batchNo = b + 1;
                    listeners.forEach(l -> l.onBatch(name(), epochNo, batchNo, value));
                }
                HostTensor valPrediction = plus(validation.prediction, RowBatches.run(output, validation.features).get(0));
                double[] perGrade = new double[validationPerGrade.size() + 1];
                for (int i = 0; i < validationPerGrade.size(); i++) {
                    perGrade[i] = validationPerGrade.get(i);
                }
                perGrade[perGrade.length - 1] = metric.evaluate(valPrediction, validation.data.y());
                double meanLoss = lossSum / batches;
                int epochNo = epoch;
                listeners.forEach(l -> l.onEpoch(name(), epochNo, meanLoss, perGrade));
            }
        }
        return spec.epochs();
    }

    /** Grade k's last hidden features and the prediction after grade k, on each split. */
    private static Step[] predictNext(StairNetwork stair, int k, VariableStore store, Split... splits) {
        try (CompiledForward grade = store.compileForward(List.of(InputSpec.batched("features", stair.dtype(), stair.inputWidth(k))),
                (ops, p, in) -> stair.gradeForward(k, ops, p, in.get(0)))) {
            Step[] steps = new Step[splits.length];
            for (int i = 0; i < splits.length; i++) {
                List<HostTensor> out = RowBatches.run(grade, splits[i].features);
                steps[i] = new Step(out.get(0), plus(splits[i].prediction, out.get(1)));
            }
            return steps;
        }
    }

    /** A store holding only the kept grades' weights; closes {@code all}. */
    private static VariableStore keepGrades(Backend backend, VariableStore all, StairNetwork kept) {
        try (all) {
            ParameterSet every = all.export();
            Map<String, HostTensor> subset = new LinkedHashMap<>();
            kept.parameters().forEach(s -> subset.put(s.name(), every.get(s.name())));
            return backend.createVariables(ParameterSet.of(subset));
        }
    }

    private static void requireShapes(StairNetwork stair, TensorDataset train) {
        Shape x = train.x().shape();
        if (x.rank() != 2 || x.dim(1) != stair.inputDim()) {
            throw new Lpa4jException("The stair network reads " + stair.inputDim() + " input features per example, but the task's inputs have shape "
                    + x + "; build the network with the task's input width.");
        }
        if (!train.isClassification() && train.y().size() / train.size() != stair.outputDim()) {
            throw new Lpa4jException("The stair network predicts " + stair.outputDim() + " values per example, but the task's targets have shape "
                    + train.y().shape() + "; build the network with the task's output width.");
        }
    }

    private boolean reached(Metric metric, double value) {
        return metric.lowerIsBetter() ? value <= tolerance : value >= tolerance;
    }

    private static boolean better(Metric metric, double value, double previous) {
        return metric.lowerIsBetter() ? value < previous : value > previous;
    }

    private static InputSpec batchedLike(String name, HostTensor t) {
        int[] dims = t.shape().dims();
        dims[0] = Shape.UNKNOWN;
        return new InputSpec(name, t.dtype(), Shape.of(dims));
    }

    /** {@code previous + output}, or {@code output} when there is no previous prediction. */
    private static HostTensor plus(HostTensor previous, HostTensor output) {
        if (previous == null) {
            return output;
        }
        double[] sum = previous.toDoubleArray();
        for (int i = 0; i < sum.length; i++) {
            sum[i] += output.getDouble(i);
        }
        return HostTensor.fromDoubles(output.dtype(), output.shape(), sum);
    }


    /** One split on the host: its data, the features grade k reads, and the prediction after grade k-1 (null before grade 1). */
    private static final class Split {
        final TensorDataset data;
        HostTensor features;
        HostTensor prediction;

        Split(String name, TensorDataset raw, DType dtype) {
            if (!raw.x().dtype().isFloating()) {
                throw new Lpa4jException("The multigrade trainer needs floating inputs, but the " + name + " inputs are " + raw.x().dtype() + ".");
            }
            HostTensor y = raw.y().dtype().isFloating() ? raw.y().cast(dtype) : raw.y();
            this.data = new TensorDataset(raw.x().cast(dtype), y);
            this.features = data.x();
        }

        void advance(Step step) {
            features = step.features;
            prediction = step.prediction;
        }
    }

    /** Grade k's last hidden features and the prediction after grade k, on one split. */
    private record Step(HostTensor features, HostTensor prediction) {
    }
}
