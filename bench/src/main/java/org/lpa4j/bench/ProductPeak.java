package org.lpa4j.bench;

import java.util.SplittableRandom;
import org.lpa4j.api.tensor.HostTensor;
import org.lpa4j.api.tensor.Shape;

/**
 * The FLOP rate of a large float32 square matrix product through one engine, on the threads its bench step uses,
 * measured in the bench's own session: the peak a step's FLOP rate is put against. A step is mostly such products, on
 * smaller matrices, so its share stays at or below 100%.
 *
 * @param gflops  the best rate seen, in GFLOP/s
 * @param size    the side of the square matrices
 * @param repeats the products timed, of which the fastest counts
 */
record ProductPeak(double gflops, int size, int repeats) {
    /** The side of the matrices: a 2048^3 product is 17 GFLOP, long enough to time and the size where engines reach their best. */
    static final int SIZE = 2048;

    /** The fastest of {@code repeats} products of two random {@value #SIZE}-square matrices on {@code engine}. */
    static ProductPeak measure(HandWrittenStep engine, int repeats) {
        SplittableRandom random = new SplittableRandom(3);
        HostTensor a = Bench.uniform(random, Shape.of(SIZE, SIZE));
        HostTensor b = Bench.uniform(random, Shape.of(SIZE, SIZE));
        double seconds = engine.bestProductSeconds(a, b, repeats);
        return new ProductPeak(2.0 * SIZE * SIZE * SIZE / seconds / 1e9, SIZE, repeats);
    }

    /** The higher of two measurements, counting the products of both. */
    ProductPeak max(ProductPeak other) {
        return new ProductPeak(Math.max(gflops, other.gflops), size, repeats + other.repeats);
    }

    @Override
    public String toString() {
        return String.format("%.0f GFLOP/s, the fastest of %d float32 %d^3 products on this engine in this session", gflops, repeats, size);
    }
}
