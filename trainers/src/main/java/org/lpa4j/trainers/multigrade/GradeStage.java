package org.lpa4j.trainers.multigrade;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.lpa4j.api.compile.CompiledForward;
import org.lpa4j.api.compile.InputSpec;
import org.lpa4j.api.compile.VariableStore;
import org.lpa4j.api.data.Metric;
import org.lpa4j.api.data.TensorDataset;
import org.lpa4j.api.model.GradedNetwork;
import org.lpa4j.api.model.RowBatches;
import org.lpa4j.api.ops.Ops;
import org.lpa4j.api.params.Parameters;
import org.lpa4j.api.tensor.HostTensor;
import org.lpa4j.api.tensor.Tensor;
import org.lpa4j.api.training.ResidualTarget;
import org.lpa4j.trainers.AbstractProgressiveTrainer;
import org.lpa4j.trainers.StepInputs;
import org.lpa4j.trainers.TrainingStage;

/**
 * Grade k as a stage of the training loop: only grade k's parameters train, on the earlier grades' last hidden features
 * ({@value #FEATURES}) with the loss of {@code previous prediction + grade k output} against y; after each epoch the
 * validation metric of every grade so far.
 */
final class GradeStage implements TrainingStage, AutoCloseable {
    static final String FEATURES = "features";
    static final String PREVIOUS = "previous";
    /** The name of the stage state that holds the epochs of the earlier grades. */
    static final String EARLIER_EPOCHS = "earlierGradeEpochs";

    private final GradedNetwork network;
    private final int k;
    private final ResidualTarget target;
    private final Metric metric;
    private final GradeSplit train;
    private final GradeSplit validation;
    private final List<Double> validationPerGrade;
    private final List<InputSpec> inputs = new ArrayList<>();
    private final CompiledForward output;
    private final double[] earlierEpochs;

    /** Grade k, after grades 1..k-1 trained for {@code earlierEpochs} epochs each (what a checkpoint of this grade records). */
    GradeStage(GradedNetwork network, int k, VariableStore store, ResidualTarget target, Metric metric, GradeSplit train,
               GradeSplit validation, List<Double> validationPerGrade, double[] earlierEpochs) {
        this.earlierEpochs = earlierEpochs.clone();
        this.network = network;
        this.k = k;
        this.target = target;
        this.metric = metric;
        this.train = train;
        this.validation = validation;
        this.validationPerGrade = validationPerGrade;
        inputs.add(InputSpec.batched(FEATURES, network.input().dtype(), network.inputWidth(k)));
        if (train.prediction != null) {
            inputs.add(AbstractProgressiveTrainer.batchedLike(PREVIOUS, train.prediction));
        }
        inputs.add(AbstractProgressiveTrainer.batchedLike(AbstractProgressiveTrainer.TARGET, train.data.y()));
        this.output = store.compileForward(List.of(inputs.get(0)), (ops, p, in) -> List.of(network.gradeForward(k, ops, p, in.get(0)).get(1)));
    }

    /** The epochs of the grades before this one, so a resumed training can report them without training them again. */
    @Override
    public Map<String, double[]> state() {
        return Map.of(EARLIER_EPOCHS, earlierEpochs.clone());
    }

    @Override
    public List<InputSpec> inputs() {
        return inputs;
    }

    @Override
    public Tensor loss(Ops ops, Parameters params, StepInputs in) {
        Tensor out = network.gradeForward(k, ops, params, in.get(FEATURES)).get(1);
        Tensor prediction = train.prediction == null ? out : ops.add(in.get(PREVIOUS), out);
        return target.loss(ops, prediction, in.get(AbstractProgressiveTrainer.TARGET));
    }

    @Override
    public Set<String> trainable() {
        return network.blockParameters(k);
    }

    @Override
    public int examples() {
        return train.data.size();
    }

    @Override
    public List<HostTensor> batch(int[] rows) {
        List<HostTensor> values = new ArrayList<>(3);
        values.add(TensorDataset.rows(train.features, rows));
        if (train.prediction != null) {
            values.add(TensorDataset.rows(train.prediction, rows));
        }
        values.add(TensorDataset.rows(train.data.y(), rows));
        return values;
    }

    @Override
    public double[] validate() {
        HostTensor prediction = validation.plus(RowBatches.run(output, validation.features).get(0));
        double[] perGrade = new double[validationPerGrade.size() + 1];
        for (int i = 0; i < validationPerGrade.size(); i++) {
            perGrade[i] = validationPerGrade.get(i);
        }
        perGrade[perGrade.length - 1] = metric.evaluate(prediction, validation.data.y());
        return perGrade;
    }

    @Override
    public void close() {
        output.close();
    }
}
