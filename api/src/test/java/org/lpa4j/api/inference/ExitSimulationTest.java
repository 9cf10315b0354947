package org.lpa4j.api.inference;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.lpa4j.api.Lpa4jException;
import org.lpa4j.api.tensor.HostTensor;
import org.lpa4j.api.tensor.Shape;

/** Each policy's decision per row, the cap and the predictions taken from the exit depth, on readouts written by hand. */
class ExitSimulationTest {
    /** Three rows, two classes, three depths: row 0 is sure from depth 1, row 1 from depth 2, row 2 never. */
    private static final List<HostTensor> SCORES = List.of(
            HostTensor.ofDoubles(Shape.of(3, 2), 6, 0, 0.1, 0, 0, 0.2),
            HostTensor.ofDoubles(Shape.of(3, 2), 7, 0, 5, 0, 0.1, 0),
            HostTensor.ofDoubles(Shape.of(3, 2), 8, 0, 6, 0, 0, 0.3));

    @Test
    void confidenceLeavesWhereTheTopProbabilityReachesTheThreshold_andTakesThatDepthsReadout() {
        ExitResult r = new ExitSimulation(SCORES).apply(ExitPolicy.Confidence.shared(0.99, 3));
        assertArrayEquals(new int[] {1, 2, 3}, r.depths());
        assertArrayEquals(new double[] {6, 0, 5, 0, 0, 0.3}, r.predictions().toDoubleArray());
        assertEquals(2.0, r.meanDepth(), 1e-12);
        assertArrayEquals(new long[] {1, 1, 1}, r.histogram(3));
    }

    @Test
    void theCapSendsEveryRemainingRowOut() {
        ExitResult r = new ExitSimulation(SCORES).apply(ExitPolicy.Confidence.shared(0.99, 2));
        assertArrayEquals(new int[] {1, 2, 2}, r.depths());
        assertArrayEquals(new int[] {3, 3, 3}, new ExitSimulation(SCORES).exitDepths(new ExitPolicy.FixedDepth(5)));
    }

    @Test
    void patienceCountsConsecutiveDepthsWithTheSameTopClass() {
        // row 2's top class is 1, 0, 1: it never repeats, so only the last depth stops it
        assertArrayEquals(new int[] {2, 2, 3}, new ExitSimulation(SCORES).exitDepths(new ExitPolicy.Patience(2, 3)));
        assertArrayEquals(new int[] {1, 1, 1}, new ExitSimulation(SCORES).exitDepths(new ExitPolicy.Patience(1, 3)));
    }

    @Test
    void correctionLeavesWhenTheLastBlockChangedTheReadoutLittle() {
        List<HostTensor> values = List.of(
                HostTensor.ofDoubles(Shape.of(2, 1), 1.0, 1.0),
                HostTensor.ofDoubles(Shape.of(2, 1), 1.01, 2.0),
                HostTensor.ofDoubles(Shape.of(2, 1), 1.0, 2.5));
        ExitSimulation s = new ExitSimulation(values);
        // row 0 changes by 0.01/1.01 at depth 2; row 1 by 1/2, then 0.5/2.5
        assertEquals(0.01 / 1.01, s.signals(2, 0).correction(), 1e-12);
        assertArrayEquals(new int[] {2, 3}, s.exitDepths(new ExitPolicy.Correction(0.05, 3)));
        assertArrayEquals(new int[] {2, 3}, s.exitDepths(new ExitPolicy.Correction(0.2, 3)));
        assertArrayEquals(new int[] {2, 2}, s.exitDepths(new ExitPolicy.Correction(0.5, 3)));
    }

    @Test
    void badPoliciesAndEmptyReadoutsAreSentences() {
        assertThrows(Lpa4jException.class, () -> ExitPolicy.Confidence.shared(1.5, 2));
        assertThrows(Lpa4jException.class, () -> new ExitPolicy.Patience(0, 2));
        assertThrows(Lpa4jException.class, () -> new ExitPolicy.Correction(Double.NaN, 2));
        assertThrows(Lpa4jException.class, () -> new ExitSimulation(List.of()));
        assertThrows(Lpa4jException.class, () -> new ExitSimulation(List.of(HostTensor.zeros(org.lpa4j.api.tensor.DType.FLOAT32, Shape.of(0, 2)))));
    }
}
