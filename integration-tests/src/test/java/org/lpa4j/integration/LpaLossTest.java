package org.lpa4j.integration;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.lpa4j.api.backend.Backend;
import org.lpa4j.api.backend.Backends;
import org.lpa4j.api.compile.CompiledForward;
import org.lpa4j.api.compile.VariableStore;
import org.lpa4j.api.data.DataSplits;
import org.lpa4j.api.data.Metric;
import org.lpa4j.api.data.TensorDataset;
import org.lpa4j.api.layers.Activation;
import org.lpa4j.api.params.ParameterSet;
import org.lpa4j.api.tensor.DType;
import org.lpa4j.api.tensor.HostTensor;
import org.lpa4j.api.tensor.Shape;
import org.lpa4j.api.training.TrainingConfig;
import org.lpa4j.api.training.TrainingListener;
import org.lpa4j.api.training.TrainingResult;
import org.lpa4j.architectures.fnn.ResidualMlp;
import org.lpa4j.trainers.lpa.DepthWeighting;
import org.lpa4j.trainers.lpa.LpaForm;
import org.lpa4j.trainers.lpa.LpaTrainer;

/**
 * LPA's squared-error loss, as the trainer's first step reports it, is {@code sum_l w_l mean((yhat_l - y)^2)} with the
 * depth weights on the right depths, computed here on the host from the initial weights' readouts: one mini-batch of
 * all the examples, so the step's loss is the loss on the whole training set before any update. Two outputs, so the
 * weights broadcast over more than the batch axis; increasing weights, so a weight on the wrong depth shows.
 */
class LpaLossTest {
    private static final int DEPTH = 3;
    private static final int EXAMPLES = 40;

    @ParameterizedTest
    @ValueSource(strings = {"nd4j", "djl", "tensorflow"})
    void theFirstStepsLossIsTheWeightedSumOfEachDepthsSquaredError(String backend) {
        ResidualMlp network = new ResidualMlp(2, 8, DEPTH, 2, Activation.TANH, false, DType.FLOAT64);
        SplittableRandom random = new SplittableRandom(11);
        TensorDataset train = new TensorDataset(uniform(random, Shape.of(EXAMPLES, 2)), uniform(random, Shape.of(EXAMPLES, 2)));
        TensorDataset held = new TensorDataset(uniform(random, Shape.of(8, 2)), uniform(random, Shape.of(8, 2)));
        DataSplits data = new DataSplits("two outputs", train, held, held);
        TrainingConfig config = TrainingConfig.defaults().withEpochs(1).withBatchSize(EXAMPLES).withSeed(4).withDType(DType.FLOAT64);
        List<Double> losses = new ArrayList<>();
        TrainingListener firstStep = new TrainingListener() {
            @Override
            public void onBatch(String trainer, int epoch, int batch, double loss) {
                losses.add(loss);
            }
        };
        try (Backend b = Backends.open(backend)) {
            double expected = 0;
            try (VariableStore store = b.createVariables(ParameterSet.initialize(network.parameters(), config.seed(), DType.FLOAT64));
                 CompiledForward readouts = store.compileForward(List.of(network.input()),
                         (ops, p, in) -> network.readouts(ops, p, in.get(0), DEPTH, false))) {
                List<HostTensor> perDepth = readouts.run(List.of(train.x()));
                for (int l = 1; l <= DEPTH; l++) {
                    // Increasing weights: l / (1 + 2 + ... + L).
                    expected += l / (DEPTH * (DEPTH + 1) / 2.0) * meanSquaredError(perDepth.get(l - 1), train.y());
                }
            }
            LpaTrainer lpa = new LpaTrainer(LpaForm.JOINT, DepthWeighting.INCREASING);
            try (TrainingResult ignored = lpa.train(b, network, data, config, Metric.RSE, List.of(firstStep))) {
                assertEquals(expected, losses.get(0), 1e-12 * expected, "the first step's loss on " + backend);
            }
        }
    }

    private static double meanSquaredError(HostTensor prediction, HostTensor target) {
        double sum = 0;
        for (int i = 0; i < target.size(); i++) {
            double d = prediction.getDouble(i) - target.getDouble(i);
            sum += d * d;
        }
        return sum / target.size();
    }

    private static HostTensor uniform(SplittableRandom random, Shape shape) {
        double[] v = new double[(int) shape.size()];
        for (int i = 0; i < v.length; i++) {
            v[i] = random.nextDouble(-1, 1);
        }
        return HostTensor.ofDoubles(shape, v);
    }
}
