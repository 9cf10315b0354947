package org.lpa4j.datasets.surfaces;

import java.util.List;
import java.util.SplittableRandom;
import org.lpa4j.api.data.DataSplits;
import org.lpa4j.api.data.Metric;
import org.lpa4j.api.data.TaskShape;
import org.lpa4j.api.data.TensorDataset;
import org.lpa4j.api.input.InputPreprocessing;
import org.lpa4j.api.task.LoadedTask;
import org.lpa4j.api.task.TaskOptions;
import org.lpa4j.api.task.TaskProvider;
import org.lpa4j.api.tensor.DType;
import org.lpa4j.api.tensor.HostTensor;
import org.lpa4j.api.tensor.Shape;

/**
 * Task {@value #NAME}: the data of the published multigrade reference run, built the way its authors build it:
 * f(x) = sin(100x) at 5000 equispaced training points of [0,1] and 1000 equispaced test points; the validation split is
 * 1000 distinct training points, drawn with the run's seed, whose targets carry N(0, 0.01^2) noise. Metric: the relative
 * squared error the publication reports. The options' example count and limit do not apply; the seed and dtype do.
 */
public final class MultigradeReferenceTasks implements TaskProvider {
    /** The task's registered name. */
    public static final String NAME = "reference:sin100x";
    static final int TRAIN = 5000;
    static final int TEST = 1000;
    static final int VALIDATION = TRAIN / 5;
    static final double VALIDATION_NOISE = 0.01;

    @Override
    public List<String> names() {
        return List.of(NAME);
    }

    @Override
    public LoadedTask load(String name, TaskOptions options) {
        return new LoadedTask(NAME, generate(options.seed(), options.dtype()), Metric.RSE, TaskShape.features(1, 1))
                .withPreprocessing(new InputPreprocessing.Features());
    }

    /** f(x) = sin(100 x). */
    static double target(double x) {
        return Math.sin(100 * x);
    }

    /** The reference data for {@code seed}: the validation rows and their noise are drawn from it. */
    static DataSplits generate(long seed, DType dtype) {
        double[] trainX = linspace(TRAIN);
        double[] testX = linspace(TEST);
        SplittableRandom random = new SplittableRandom(seed);
        int[] order = new int[TRAIN];
        for (int i = 0; i < TRAIN; i++) {
            order[i] = i;
        }
        double[] valX = new double[VALIDATION];
        double[] valY = new double[VALIDATION];
        for (int i = 0; i < VALIDATION; i++) {
            int j = i + random.nextInt(TRAIN - i);
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
            valX[i] = trainX[order[i]];
            valY[i] = target(valX[i]) + VALIDATION_NOISE * gaussian(random);
        }
        return new DataSplits("sin(100x)", dataset(trainX, values(trainX), dtype), dataset(valX, valY, dtype),
                dataset(testX, values(testX), dtype));
    }

    private static double[] linspace(int n) {
        double[] x = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = (double) i / (n - 1);
        }
        return x;
    }

    private static double[] values(double[] x) {
        double[] y = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            y[i] = target(x[i]);
        }
        return y;
    }

    private static double gaussian(SplittableRandom random) {
        double u1 = 1.0 - random.nextDouble();
        double u2 = random.nextDouble();
        return Math.sqrt(-2.0 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
    }

    private static TensorDataset dataset(double[] x, double[] y, DType dtype) {
        return new TensorDataset(HostTensor.fromDoubles(dtype, Shape.of(x.length, 1), x), HostTensor.fromDoubles(dtype, Shape.of(y.length, 1), y));
    }
}
