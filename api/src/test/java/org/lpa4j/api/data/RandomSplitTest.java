package org.lpa4j.api.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.lpa4j.api.tensor.HostTensor;
import org.lpa4j.api.tensor.Shape;

/** The seeded 70/15/15 split of regression data: every example once, the same for the same seed, another for another seed. */
class RandomSplitTest {

    /** Example i has input i and target 2i, so a split can be checked row by row. */
    private static TensorDataset numbered(int n) {
        double[] x = new double[n];
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = i;
            y[i] = 2.0 * i;
        }
        return new TensorDataset(HostTensor.ofDoubles(Shape.of(n, 1), x), HostTensor.ofDoubles(Shape.of(n, 1), y));
    }

    private static List<Integer> ids(TensorDataset d) {
        List<Integer> out = new ArrayList<>();
        double[] x = d.x().toDoubleArray();
        double[] y = d.y().toDoubleArray();
        for (int i = 0; i < x.length; i++) {
            assertEquals(2 * x[i], y[i], 0, "a target stays with its input");
            out.add((int) x[i]);
        }
        return out;
    }

    @Test
    void everyExampleLandsInExactlyOneSplitOfSeventyFifteenFifteen() {
        DataSplits s = RandomSplit.of("boston", numbered(101), 5);
        assertEquals("boston", s.task());
        assertEquals(71, s.train().size());
        assertEquals(15, s.validation().size());
        assertEquals(15, s.test().size());
        List<Integer> all = new ArrayList<>(ids(s.train()));
        all.addAll(ids(s.validation()));
        all.addAll(ids(s.test()));
        all.sort(Integer::compare);
        for (int i = 0; i < 101; i++) {
            assertEquals(i, all.get(i));
        }
    }

    @Test
    void theSeedDecidesTheOrder() {
        assertEquals(ids(RandomSplit.of("t", numbered(200), 1).test()), ids(RandomSplit.of("t", numbered(200), 1).test()));
        assertNotEquals(ids(RandomSplit.of("t", numbered(200), 1).test()), ids(RandomSplit.of("t", numbered(200), 2).test()));
        assertEquals(List.of(0, 1, 2, 3, 4, 5, 6), ids(RandomSplit.inOrder("t", numbered(10)).train()), "in order keeps the order");
    }
}
