package org.lpa4j.bench;

import org.lpa4j.api.params.ParameterSet;
import org.lpa4j.api.spi.EngineThreads;
import org.lpa4j.api.tensor.HostTensor;
import org.lpa4j.backend.nd4j.Nd4jBackendProvider;
import org.nd4j.autodiff.listeners.At;
import org.nd4j.autodiff.listeners.BaseListener;
import org.nd4j.autodiff.listeners.ListenerVariables;
import org.nd4j.autodiff.listeners.Operation;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.autodiff.samediff.TrainingConfig;
import org.nd4j.autodiff.samediff.internal.SameDiffOp;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.executioner.OpExecutioner;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.dataset.api.MultiDataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.schedule.ISchedule;

/**
 * The {@link BenchMlp} Adam step written directly on ND4J SameDiff 1.0.0-M2.1, the way a SameDiff user writes it
 * without lpa4j: placeholders for the batch, variables created from the initial values, the MSE loss marked as the
 * loss variable, a {@link TrainingConfig} with ND4J's own {@link Adam} updater, and one {@code sd.fit(DataSet)} per
 * step with a listener that reads the iteration's loss (computed before the update). The learning rate is a schedule
 * that returns the rate of the current step. ND4J's Adam uses the "epsilon hat" form (eps added to {@code sqrt(v)}
 * before bias correction), which differs from lpa4j's exact form only through eps = 1e-8.
 */
public final class Nd4jHandWrittenStep implements HandWrittenStep {
    private static final double BETA1 = 0.9;
    private static final double BETA2 = 0.999;
    private static final double EPSILON = 1e-8;
    private static final String SQUARED_ERROR = "squaredError";

    private SameDiff sd;
    private final CurrentRate rate = new CurrentRate();
    private final LastLoss lastLoss = new LastLoss();

    @Override
    public String backend() {
        return "nd4j";
    }

    @Override
    public void init(ParameterSet initial) {
        engineSettings(EngineThreads.resolve(Nd4jBackendProvider.THREADS_PROPERTY).intraOp());
        sd = SameDiff.create();
        SDVariable x = sd.placeHolder("x", DataType.FLOAT, -1, BenchMlp.INPUT);
        SDVariable y = sd.placeHolder("y", DataType.FLOAT, -1, 1);
        SDVariable h = dense(initial, x, "stem");
        for (int l = 1; l <= BenchMlp.BLOCKS; l++) {
            SDVariable inner = sd.nn().relu(dense(initial, h, "block" + l + ".fc1"), 0.0);
            h = h.add(dense(initial, inner, "block" + l + ".fc2"));
        }
        SDVariable prediction = dense(initial, h, "head");
        SDVariable diff = prediction.sub(y);
        SDVariable loss = diff.mul(SQUARED_ERROR, diff).mean("loss");
        sd.setLossVariables(loss);
        Adam adam = new Adam(rate.value, BETA1, BETA2, EPSILON);
        adam.setLearningRateSchedule(rate);
        sd.setTrainingConfig(TrainingConfig.builder()
                .updater(adam)
                .dataSetFeatureMapping("x")
                .dataSetLabelMapping("y")
                .build());
    }

    private SDVariable dense(ParameterSet initial, SDVariable in, String layer) {
        SDVariable w = sd.var(layer + ".weight", array(initial.get(layer + ".weight")));
        SDVariable b = sd.var(layer + ".bias", array(initial.get(layer + ".bias")));
        return in.mmul(w).add(b);
    }

    private static INDArray array(HostTensor value) {
        long[] shape = java.util.Arrays.stream(value.shape().dims()).asLongStream().toArray();
        return Nd4j.create(value.toFloatArray(), shape, 'c');
    }

    /**
     * ND4J's process-wide settings as a SameDiff user who has profiled sets them (the nd4j backend makes the same ones):
     * no per-op checks, and {@code threads} threads per op in libnd4j and in OpenBLAS (the nd4j backend's {@link
     * EngineThreads} policy when the bench runs it).
     */
    static void engineSettings(int threads) {
        Nd4j.getExecutioner().setProfilingMode(OpExecutioner.ProfilingMode.DISABLED);
        Nd4j.getEnvironment().setMaxMasterThreads(threads);
        Nd4j.factory().blas().setMaxThreads(threads);
    }

    @Override
    public double step(HostTensor x, HostTensor y, double learningRate) {
        rate.value = learningRate;
        INDArray features = Nd4j.create(x.floatsUnsafe(), new long[] {x.shape().dim(0), BenchMlp.INPUT}, 'c');
        INDArray labels = Nd4j.create(y.floatsUnsafe(), new long[] {y.shape().dim(0), 1}, 'c');
        sd.fit(new DataSet(features, labels), lastLoss);
        return lastLoss.value;
    }

    @Override
    public Runnable product(HostTensor a, HostTensor b) {
        INDArray left = array(a);
        INDArray right = array(b);
        INDArray product = Nd4j.create(DataType.FLOAT, left.rows(), right.columns());
        return () -> left.mmuli(right, product);
    }

    /** The graph built by {@link #init}, for profiling it. */
    SameDiff graph() {
        return sd;
    }

    @Override
    public void close() {
        sd = null;
    }

    /** The learning rate of the current step, as an ND4J schedule (Adam reads it at every iteration). */
    private static final class CurrentRate implements ISchedule {
        private static final long serialVersionUID = 1L;
        private double value = 1e-3;

        @Override
        public double valueAt(int iteration, int epoch) {
            return value;
        }

        @Override
        public ISchedule clone() {
            return this;
        }
    }

    /**
     * Keeps the loss of the last training iteration. In 1.0.0-M2.1 the {@code Loss} given to {@code iterationDone} holds 0
     * and the loss variable itself is never reported as an activation (both measured), so the listener requests the
     * squared errors, which are reported, and takes their mean: the loss of the forward pass, before the update.
     */
    private static final class LastLoss extends BaseListener {
        private double value = Double.NaN;

        @Override
        public boolean isActive(Operation operation) {
            return operation == Operation.TRAINING;
        }

        @Override
        public ListenerVariables requiredVariables(SameDiff sd) {
            return ListenerVariables.builder().trainingVariables(SQUARED_ERROR).build();
        }

        @Override
        public void activationAvailable(SameDiff sd, At at, MultiDataSet batch, SameDiffOp op, String varName, INDArray activation) {
            if (SQUARED_ERROR.equals(varName)) {
                value = activation.meanNumber().doubleValue();
            }
        }
    }
}
