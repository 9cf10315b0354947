package org.lpa4j.api.inference;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** The median and quartiles that evaluate's speedup figures report. */
class LatencyTest {

    @Test
    void quartiles_interpolateBetweenTheNearestValues_inAnyOrder() {
        double[] v = {4, 1, 3, 2};
        // Sorted 1, 2, 3, 4: the first quartile lies 3/4 of the way from 1 to 2, the third 1/4 of the way from 3 to 4.
        assertEquals(1.75, Latency.quantile(v, 0.25), 1e-12);
        assertEquals(2.5, Latency.median(v), 1e-12);
        assertEquals(3.25, Latency.quantile(v, 0.75), 1e-12);
        assertEquals(1, Latency.quantile(v, 0), 1e-12);
        assertEquals(4, Latency.quantile(v, 1), 1e-12);
        assertEquals(7, Latency.median(new double[] {9, 7, 1}), 1e-12);
        assertEquals(5, Latency.quantile(new double[] {5}, 0.25), 1e-12);
        assertEquals(4, v[0], "the values are left in their order");
    }
}
