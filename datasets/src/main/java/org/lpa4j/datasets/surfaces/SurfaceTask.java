package org.lpa4j.datasets.surfaces;

import java.util.SplittableRandom;
import org.lpa4j.api.Lpa4jException;
import org.lpa4j.api.data.DataSplits;
import org.lpa4j.api.data.TensorDataset;
import org.lpa4j.api.tensor.DType;
import org.lpa4j.api.tensor.HostTensor;
import org.lpa4j.api.tensor.Shape;

/**
 * Samples a {@link Surface} at uniformly random points of {@code [0,1]^d} with a seed, and splits them 70/15/15
 * into train, validation and test. The same seed gives the same points on every machine.
 */
public final class SurfaceTask {
    private SurfaceTask() {
    }

    /** {@code examples} seeded samples of {@code surface} as splits of type {@code dtype}. */
    public static DataSplits generate(Surface surface, int examples, long seed, DType dtype) {
        if (examples < 20) {
            throw new Lpa4jException("A surface task needs at least 20 examples to split 70/15/15, but " + examples + " were asked for.");
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
        int train = (int) Math.round(examples * 0.70);
        int validation = (int) Math.round(examples * 0.15);
        return new DataSplits("surface:" + surface.id(), all.range(0, train), all.range(train, train + validation),
                all.range(train + validation, examples));
    }
}
