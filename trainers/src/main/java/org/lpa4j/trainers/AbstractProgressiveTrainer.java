package org.lpa4j.trainers;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
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
import org.lpa4j.api.training.DepthCurve;
import org.lpa4j.api.training.ProgressiveTrainer;
import org.lpa4j.api.training.ResidualTarget;
import org.lpa4j.api.training.TrainingConfig;
import org.lpa4j.api.training.TrainingListener;
import org.lpa4j.api.training.TrainingResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The training loop every progressive trainer shares: seeded initialisation and shuffling, mini-batches, the
 * learning-rate schedule, per-depth validation, early stopping that restores the best weights, and the per-depth
 * test evaluation. A concrete trainer supplies the loss (and, optionally, extra per-step inputs) through hooks.
 */
public abstract class AbstractProgressiveTrainer implements ProgressiveTrainer {
    private static final Logger LOG = LoggerFactory.getLogger(AbstractProgressiveTrainer.class);

    /** The loss of one training step; {@code inputs} are x, y, then {@link #extraInputs}. */
    protected abstract LossFunction loss(ResidualNetwork network, ResidualTarget target);

    /** Extra inputs the loss reads at every step (e.g. depth weights); none by default. */
    protected List<InputSpec> extraInputs(ResidualNetwork network, DType dtype) {
        return List.of();
    }

    /** The values of {@link #extraInputs} for the coming epoch. */
    protected List<HostTensor> extraValues(ResidualNetwork network, DType dtype) {
        return List.of();
    }

    /** Called after each epoch with the validation loss at every depth (index l-1). */
    protected void afterEpoch(double[] validationLossPerDepth) {
    }

    /** Resets per-run state before training starts. */
    protected void reset(ResidualNetwork network) {
    }

    /** The parameters the optimizer updates; all of them by default. */
    protected Set<String> trainable(ResidualNetwork network, ParameterSet init) {
        return init.names();
    }

    @Override
    public final TrainingResult train(Backend backend, ResidualNetwork network, DataSplits data, TrainingConfig config, Metric metric,
                                      List<TrainingListener> listeners) {
        DType dtype = network.input().dtype().isFloating() ? network.input().dtype() : config.dtype();
        TensorDataset train = castInputs(data.train(), dtype);
        TensorDataset validation = castInputs(data.validation(), dtype);
        TensorDataset test = castInputs(data.test(), dtype);
        ResidualTarget target = train.isClassification() ? ResidualTarget.crossEntropy() : ResidualTarget.meanSquaredError();
        reset(network);
        ParameterSet init = ParameterSet.initialize(network.parameters(), config.seed(), dtype);
        List<InputSpec> specs = new ArrayList<>();
        specs.add(network.input());
        specs.add(targetSpec(train.y()));
        specs.addAll(extraInputs(network, dtype));
        VariableStore store = backend.createVariables(init);
        long start = System.nanoTime();
        int epochsRun = 0;
        try (CompiledTrainStep step = store.compileTrainStep(specs, loss(network, target), trainable(network, init), config.optimizer());
             CompiledForward readouts = store.compileForward(List.of(network.input()),
                     (ops, p, in) -> network.readouts(ops, p, in.get(0), network.depth(), false))) {
            int n = train.size();
            int batches = (n + config.batchSize() - 1) / config.batchSize();
            long totalSteps = (long) batches * config.epochs();
            listeners.forEach(l -> l.onTrainingBegin(name(), config.epochs(), batches));
            double best = Double.NaN;
            ParameterSet bestWeights = null;
            int sinceBest = 0;
            long globalStep = 0;
            for (int epoch = 1; epoch <= config.epochs(); epoch++) {
                int[] order = Permutation.of(n, new SplittableRandom(config.seed() * 1_000_003L + epoch));
                List<HostTensor> extra = extraValues(network, dtype);
                double lossSum = 0;
                for (int b = 0; b < batches; b++) {
                    int from = b * config.batchSize();
                    int[] idx = java.util.Arrays.copyOfRange(order, from, Math.min(n, from + config.batchSize()));
                    List<HostTensor> inputs = new ArrayList<>(List.of(TensorDataset.rows(train.x(), idx), TensorDataset.rows(train.y(), idx)));
                    inputs.addAll(extra);
                    double lr = config.schedule().at(config.learningRate(), globalStep++, totalSteps);
                    double loss = step.run(inputs, lr);
                    if (!Double.isFinite(loss)) {
                        throw new TrainingDivergedException(name(), epoch, b + 1, lr);
                    }
                    lossSum += loss;
                    int epochNo = epoch;
                    int batchNo = b + 1;
                    listeners.forEach(l -> l.onBatch(name(), epochNo, batchNo, loss));
                }
                List<HostTensor> predictions = predict(readouts, validation.x());
                double[] valMetric = perDepth(predictions, validation.y(), metric);
                double[] valLoss = new double[predictions.size()];
                for (int l = 0; l < valLoss.length; l++) {
                    valLoss[l] = target.hostLoss(predictions.get(l), validation.y());
                }
                afterEpoch(valLoss);
                epochsRun = epoch;
                double meanLoss = lossSum / batches;
                int epochNo = epoch;
                listeners.forEach(l -> l.onEpoch(name(), epochNo, meanLoss, valMetric));
                if (config.patience() > 0) {
                    double score = valMetric[valMetric.length - 1];
                    boolean better = Double.isNaN(best) || (metric.lowerIsBetter() ? score < best : score > best);
                    if (better) {
                        best = score;
                        bestWeights = store.export();
                        sinceBest = 0;
                    } else if (++sinceBest >= config.patience()) {
                        LOG.info("{}: early stop after epoch {}: no improvement of the validation {} for {} epochs", name(), epoch,
                                metric.label(), config.patience());
                        break;
                    }
                }
            }
            if (bestWeights != null) {
                store.load(bestWeights);
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            int run = epochsRun;
            listeners.forEach(l -> l.onTrainingEnd(name(), run, seconds));
            double[] testMetric = perDepth(predict(readouts, test.x()), test.y(), metric);
            return new TrainingResult(new ProgressiveModel(network, store), new DepthCurve(name(), testMetric, seconds, epochsRun));
        } catch (RuntimeException e) {
            store.close();
            throw e;
        }
    }

    private static InputSpec targetSpec(HostTensor y) {
        int[] dims = y.shape().dims();
        dims[0] = Shape.UNKNOWN;
        return new InputSpec("y", y.dtype(), Shape.of(dims));
    }

    /** Floating inputs and targets in the network's float type; token ids and class labels stay INT32. */
    private static TensorDataset castInputs(TensorDataset d, DType dtype) {
        HostTensor x = d.x().dtype().isFloating() ? d.x().cast(dtype) : d.x();
        HostTensor y = d.y().dtype().isFloating() ? d.y().cast(dtype) : d.y();
        return new TensorDataset(x, y);
    }

    /** Every depth's predictions for {@code x}, evaluated in batches. */
    static List<HostTensor> predict(CompiledForward readouts, HostTensor x) {
        return RowBatches.run(readouts, x);
    }

    private static double[] perDepth(List<HostTensor> predictions, HostTensor y, Metric metric) {
        double[] out = new double[predictions.size()];
        for (int l = 0; l < out.length; l++) {
            out[l] = metric.evaluate(predictions.get(l), y);
        }
        return out;
    }

}
