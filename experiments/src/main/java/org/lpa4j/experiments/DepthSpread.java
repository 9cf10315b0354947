package org.lpa4j.experiments;

import java.util.List;
import java.util.Objects;

/**
 * One column of a multi-seed comparison: at every depth the mean over the seeds and the spread (the sample standard
 * deviation, 0 for a single seed), and the mean wall time. NaN where a seed has no value at that depth.
 */
public record DepthSpread(String trainer, double[] mean, double[] spread, double meanWallSeconds) {
    public DepthSpread {
        Objects.requireNonNull(trainer, "trainer is null");
        mean = mean.clone();
        spread = spread.clone();
    }

    /** Mean and spread of {@code perSeed} (one array per seed, equally long), named {@code trainer}. */
    public static DepthSpread of(String trainer, List<double[]> perSeed, double meanWallSeconds) {
        int depth = perSeed.get(0).length;
        double[] mean = new double[depth];
        double[] spread = new double[depth];
        int n = perSeed.size();
        for (int l = 0; l < depth; l++) {
            double sum = 0;
            for (double[] run : perSeed) {
                sum += run[l];
            }
            mean[l] = sum / n;
            double squares = 0;
            for (double[] run : perSeed) {
                squares += (run[l] - mean[l]) * (run[l] - mean[l]);
            }
            spread[l] = n > 1 ? Math.sqrt(squares / (n - 1)) : 0;
        }
        return new DepthSpread(trainer, mean, spread, meanWallSeconds);
    }

    public int depth() {
        return mean.length;
    }

    @Override
    public double[] mean() {
        return mean.clone();
    }

    @Override
    public double[] spread() {
        return spread.clone();
    }
}
