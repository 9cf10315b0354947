package org.lpa4j.bench;

import java.util.SplittableRandom;
import org.lpa4j.api.tensor.Shape;

/**
 * The FLOP rate of a large float32 square matrix product through one engine, on the threads its bench step uses, timed
 * once per round between the steps so that it sees the same load: the fastest run is the peak a step's FLOP rate is
 * put against. A step is mostly such products, on smaller matrices, so its share stays at or below 100%.
 */
final class ProductPeak {
    /** The side of the matrices: a 1024^3 product is 2.1 GFLOP, about as long as a bench step, and large enough for an engine's best rate. */
    static final int SIZE = 1024;

    private final Runnable product;
    private double bestSeconds = Double.POSITIVE_INFINITY;
    private int runs;

    /** The product of two random {@value #SIZE}-square matrices, prepared on {@code engine}. */
    ProductPeak(HandWrittenStep engine) {
        SplittableRandom random = new SplittableRandom(3);
        this.product = engine.product(Bench.uniform(random, Shape.of(SIZE, SIZE)), Bench.uniform(random, Shape.of(SIZE, SIZE)));
    }

    /** Runs the product once and keeps its time if it is the fastest. */
    void run() {
        long t0 = System.nanoTime();
        product.run();
        bestSeconds = Math.min(bestSeconds, (System.nanoTime() - t0) / 1e9);
        runs++;
    }

    /** The fastest run's rate in GFLOP/s. */
    double gflops() {
        return 2.0 * SIZE * SIZE * SIZE / bestSeconds / 1e9;
    }

    @Override
    public String toString() {
        return String.format("%.0f GFLOP/s, the fastest of %d float32 %d^3 products on this engine, one per round between the steps", gflops(), runs, SIZE);
    }
}
