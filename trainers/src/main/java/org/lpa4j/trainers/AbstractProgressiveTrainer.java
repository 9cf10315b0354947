package org.lpa4j.trainers;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.List;
import java.util.Set;
import org.lpa4j.api.InvalidSettingException;
import org.lpa4j.api.backend.Backend;
import org.lpa4j.api.compile.CompiledForward;
import org.lpa4j.api.compile.InputSpec;
import org.lpa4j.api.compile.VariableStore;
import org.lpa4j.api.data.DataSplits;
import org.lpa4j.api.data.Metric;
import org.lpa4j.api.data.TensorDataset;
import org.lpa4j.api.model.Architectures;
import org.lpa4j.api.model.NetworkDepths;
import org.lpa4j.api.model.ProgressiveModel;
import org.lpa4j.api.model.ResidualNetwork;
import org.lpa4j.api.model.RowBatches;
import org.lpa4j.api.ops.Ops;
import org.lpa4j.api.params.ParameterSet;
import org.lpa4j.api.params.Parameters;
import org.lpa4j.api.tensor.DType;
import org.lpa4j.api.tensor.HostTensor;
import org.lpa4j.api.tensor.Shape;
import org.lpa4j.api.tensor.Tensor;
import org.lpa4j.api.training.Checkpointing;
import org.lpa4j.api.training.DepthCurve;
import org.lpa4j.api.training.ProgressiveTrainer;
import org.lpa4j.api.training.ResidualTarget;
import org.lpa4j.api.training.TrainingConfig;
import org.lpa4j.api.training.TrainingListener;
import org.lpa4j.api.training.TrainingResult;

/**
 * A trainer that trains every parameter of a residual network in one run of the {@link TrainingLoop}, with a loss on
 * its readouts: seeded initialisation, per-depth validation and the per-depth test evaluation are here, the loss is a
 * {@link DepthObjective} the concrete trainer makes for each run.
 */
public abstract class AbstractProgressiveTrainer implements ProgressiveTrainer {
    /** The name of the step input that holds the examples. */
    public static final String INPUT = "x";
    /** The name of the step input that holds the targets. */
    public static final String TARGET = "y";

    /** A fresh objective for one run on {@code network}, whose readouts are judged by {@code target}. */
    protected abstract DepthObjective objective(ResidualNetwork network, ResidualTarget target, DType dtype);

    /** A fresh objective for one run under {@code config} (e.g. seeded from it); by default the one that ignores {@code config}. */
    protected DepthObjective objective(ResidualNetwork network, ResidualTarget target, DType dtype, TrainingConfig config) {
        return objective(network, target, dtype);
    }

    /** The network this trainer trains in place of {@code network} (e.g. with per-depth readouts added); by default {@code network}. */
    protected ResidualNetwork trained(ResidualNetwork network) {
        return network;
    }

    /**
     * The network the trained model serves, given its validation readouts (one tensor per depth) and labels: by default
     * the trained one; a trainer may fit per-depth readout settings (temperatures) on them, never its weights.
     */
    protected ResidualNetwork served(ResidualNetwork trained, List<HostTensor> validationReadouts, HostTensor validationTargets) {
        return trained;
    }

    /** Every run of this trainer writes and resumes checkpoints. */
    @Override
    public boolean writesCheckpoints() {
        return true;
    }

    @Override
    public final TrainingResult train(Backend backend, ResidualNetwork given, DataSplits data, TrainingConfig config, Metric metric,
                                      List<TrainingListener> listeners) {
        return train(backend, given, data, config, metric, listeners, null);
    }

    /**
     * {@link #train} with {@code checkpoints} (null: none): written at epoch ends as the policy says and when training ends;
     * with {@link Checkpointing#resume()}, training continues from the stored checkpoint exactly as the run that wrote it
     * would have, and a checkpoint of a run with other settings or data is refused naming them.
     */
    @Override
    public final TrainingResult train(Backend backend, ResidualNetwork given, DataSplits data, TrainingConfig config, Metric metric,
                                      List<TrainingListener> listeners, Checkpointing checkpoints) {
        ResidualNetwork network = trained(given);
        DType dtype = network.input().dtype().isFloating() ? network.input().dtype() : config.dtype();
        ParameterSet init = ParameterSet.initialize(network.parameters(), config.seed(), dtype);
        return run(backend, network, init, init.names(), data, config, metric, listeners, checkpoints);
    }

    /** The settings a checkpoint records and a resumed run must repeat, by name; {@link #options()} by default. */
    protected Map<String, Object> settings() {
        return options();
    }

    /**
     * Appends {@code add} blocks to {@code parent} and trains only them, with this trainer's loss, on the residual the
     * parent leaves: the parent's stem, blocks and shared head are copied and frozen, so depths 1..L of the result predict
     * exactly what the parent's do (bit for bit on the same backend) and depths L+1..L+add continue the trajectory. The
     * new blocks start from {@code config}'s seed. Works for networks with uniform blocks ({@link NetworkDepths}); others
     * are refused with a sentence. The result's test curve covers every depth, old and new.
     */
    public final TrainingResult grow(Backend backend, ProgressiveModel parent, int add, DataSplits data, TrainingConfig config, Metric metric,
                                     List<TrainingListener> listeners) {
        if (add < 1) {
            throw new InvalidSettingException("add", "Growing a model appends at least one block, not " + add + ".");
        }
        ResidualNetwork old = parent.network();
        ResidualNetwork deeper = NetworkDepths.atDepth(Architectures.discover(), old, old.depth() + add);
        ParameterSet kept = parent.parameters();
        DType dtype = kept.asMap().values().iterator().next().dtype();
        if (dtype != config.dtype() && !old.input().dtype().isFloating()) {
            throw new InvalidSettingException("dtype", "The model to grow holds " + dtype + " weights, but the training configuration asks"
                    + " for " + config.dtype() + "; grow it in " + dtype + ".");
        }
        Set<String> trainable = new LinkedHashSet<>();
        for (int l = old.depth() + 1; l <= deeper.depth(); l++) {
            trainable.addAll(deeper.blockParameters(l));
        }
        Map<String, HostTensor> init = new LinkedHashMap<>(ParameterSet.initialize(deeper.parameters(), config.seed(), dtype).asMap());
        init.replaceAll((name, fresh) -> trainable.contains(name) ? fresh : kept.get(name));
        return run(backend, deeper, ParameterSet.of(init), trainable, data, config, metric, listeners, null);
    }

    private TrainingResult run(Backend backend, ResidualNetwork network, ParameterSet init, Set<String> trainable, DataSplits data,
                               TrainingConfig config, Metric metric, List<TrainingListener> listeners, Checkpointing checkpoints) {
        DType dtype = network.input().dtype().isFloating() ? network.input().dtype() : config.dtype();
        TensorDataset train = castInputs(data.train(), dtype);
        TensorDataset validation = castInputs(data.validation(), dtype);
        TensorDataset test = castInputs(data.test(), dtype);
        ResidualTarget target = ResidualTarget.of(train);
        DepthObjective objective = objective(network, target, dtype, config);
        VariableStore store = backend.createVariables(init);
        try (CompiledForward readouts = store.compileForward(List.of(network.input()),
                (ops, p, in) -> network.readouts(ops, p, in.get(0), network.depth(), false))) {
            Stage stage = new Stage(network, objective, target, metric, readouts, trainable, train, validation);
            Map<String, String> identity = checkpoints == null ? Map.of() : RunIdentity.of(name(), settings(), config, network, data);
            TrainingLoop.Outcome outcome = new TrainingLoop(name(), config, metric, listeners).run(store, stage, 0, name(), checkpoints, identity);
            ResidualNetwork served = served(network, RowBatches.run(readouts, validation.x()), validation.y());
            ProgressiveModel model = new ProgressiveModel(served, store);
            double[] testMetric = perDepth(served == network ? RowBatches.run(readouts, test.x()) : model.predictAll(test.x()), test.y(), metric);
            return new TrainingResult(model, new DepthCurve(name(), testMetric, outcome.seconds(), outcome.epochsRun()));
        } catch (RuntimeException e) {
            store.close();
            throw e;
        }
    }

    /** The single stage of a depth trainer: every parameter, the objective's loss, validation of every readout. */
    private static final class Stage implements TrainingStage {
        private final DepthObjective objective;
        private final ResidualTarget target;
        private final Metric metric;
        private final CompiledForward readouts;
        private final Set<String> trainable;
        private final TensorDataset train;
        private final TensorDataset validation;
        private final List<InputSpec> inputs = new ArrayList<>();

        Stage(ResidualNetwork network, DepthObjective objective, ResidualTarget target, Metric metric, CompiledForward readouts,
              Set<String> trainable, TensorDataset train, TensorDataset validation) {
            this.objective = objective;
            this.target = target;
            this.metric = metric;
            this.readouts = readouts;
            this.trainable = trainable;
            this.train = train;
            this.validation = validation;
            inputs.add(new InputSpec(INPUT, network.input().dtype(), network.input().shape()));
            inputs.add(batchedLike(TARGET, train.y()));
            inputs.addAll(objective.extraInputs(inputs.get(1)));
        }

        @Override
        public List<InputSpec> inputs() {
            return inputs;
        }

        @Override
        public Tensor loss(Ops ops, Parameters params, StepInputs in) {
            return objective.loss(ops, params, in);
        }

        @Override
        public Set<String> trainable() {
            return trainable;
        }

        @Override
        public int examples() {
            return train.size();
        }

        @Override
        public List<HostTensor> batch(int[] rows) {
            List<HostTensor> values = new ArrayList<>(List.of(TensorDataset.rows(train.x(), rows), TensorDataset.rows(train.y(), rows)));
            values.addAll(objective.extraValues());
            return values;
        }

        @Override
        public double[] validate() {
            List<HostTensor> predictions = RowBatches.run(readouts, validation.x());
            double[] losses = new double[predictions.size()];
            for (int l = 0; l < losses.length; l++) {
                losses[l] = target.hostLoss(predictions.get(l), validation.y());
            }
            objective.afterEpoch(losses);
            return perDepth(predictions, validation.y(), metric);
        }

        @Override
        public Map<String, double[]> state() {
            return objective.state();
        }

        @Override
        public void restore(Map<String, double[]> state) {
            objective.restore(state);
        }
    }

    /** An input named {@code name} shaped like {@code t}'s rows, with a run-time batch dimension. */
    public static InputSpec batchedLike(String name, HostTensor t) {
        int[] dims = t.shape().dims();
        dims[0] = Shape.UNKNOWN;
        return new InputSpec(name, t.dtype(), Shape.of(dims));
    }

    /** Floating inputs and targets in the network's float type; token ids and class labels stay INT32. */
    private static TensorDataset castInputs(TensorDataset d, DType dtype) {
        HostTensor x = d.x().dtype().isFloating() ? d.x().cast(dtype) : d.x();
        HostTensor y = d.y().dtype().isFloating() ? d.y().cast(dtype) : d.y();
        return new TensorDataset(x, y);
    }

    private static double[] perDepth(List<HostTensor> predictions, HostTensor y, Metric metric) {
        double[] out = new double[predictions.size()];
        for (int l = 0; l < out.length; l++) {
            out[l] = metric.evaluate(predictions.get(l), y);
        }
        return out;
    }
}
