package org.lpa4j.datasets.surfaces;

import java.util.SplittableRandom;
import org.lpa4j.api.InvalidSettingException;
import org.lpa4j.api.data.DataSplits;
import org.lpa4j.api.data.RandomSplit;
import org.lpa4j.api.data.TensorDataset;
import org.lpa4j.api.tensor.DType;
import org.lpa4j.api.tensor.HostTensor;
import org.lpa4j.api.tensor.Shape;

/**
 * Samples a {@link SurfaceFunction} at uniformly random points of {@code [0,1]^d} with a seed, and splits them 70/15/15
 * into train, validation and test in the order drawn ({@link RandomSplit#inOrder}). The same seed gives the same points
 * on every machine.
 */
public final class SurfaceTask {
    private SurfaceTask() {
    }

    /** {@code examples} seeded samples of {@code surface} as splits of type {@code dtype}. */
    public static DataSplits generate(SurfaceFunction surface, int examples, long seed, DType dtype) {
        if (examples < 20) {
            throw new InvalidSettingException("examples", "A surface task needs at least 20 examples to split 70/15/15, but " + examples
                    + " were asked for.");
        }
        int d = surface.dimension();
        SplittableRandom random = new SplittableRandom(seed);
        double[] x = new double[examples * d];
        double[] y = new double[examples];
        double[] point = new double[d];
        for (int i = 0; i < examples; i++) {
            for (int j = 0; j < d; j++) {
                point[j] = random.nextDouble();
                x[i * d + j] = point[j];
            }
            y[i] = surface.value(point);
        }
        TensorDataset all = new TensorDataset(HostTensor.fromDoubles(dtype, Shape.of(examples, d), x),
                HostTensor.fromDoubles(dtype, Shape.of(examples, 1), y));
        return RandomSplit.inOrder(SurfaceTasks.PREFIX + surface.id(), all);
    }
}
