package org.lpa4j.conformance.reference;


import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.lpa4j.api.ops.Ops;
import org.lpa4j.api.tensor.DType;
import org.lpa4j.api.tensor.HostTensor;
import org.lpa4j.api.tensor.Shape;

/** The reference against values computed by hand, for the ops where an indexing slip is easiest. */
class ReferenceOpsTest {
    private static final double EXACT = 1e-15;

    private static HostTensor t(Shape shape, double... v) {
        return HostTensor.ofDoubles(shape, v);
    }

    private static void assertValues(double[] expected, HostTensor actual) {
        assertArrayEquals(expected, actual.toDoubleArray(), EXACT, actual.toString());
    }

    @Test
    void conv2d_strideOneNoPadding() {
        HostTensor x = t(Shape.of(1, 1, 3, 3), 1, 2, 3, 4, 5, 6, 7, 8, 9);
        HostTensor k = t(Shape.of(1, 1, 2, 2), 1, 0, 0, -1);
        HostTensor y = ReferenceOps.conv2d(x, k, 1, 1, 0, 0);
        assertEquals(Shape.of(1, 1, 2, 2), y.shape());
        assertValues(new double[] {-4, -4, -4, -4}, y);
    }

    @Test
    void conv2d_strideTwoPaddingOne_isCrossCorrelationWithZeroBorder() {
        HostTensor x = t(Shape.of(1, 1, 3, 3), 1, 2, 3, 4, 5, 6, 7, 8, 9);
        HostTensor k = t(Shape.of(1, 1, 2, 2), 1, 0, 0, -1);
        // Windows start at rows/cols -1 and 1: only the kernel's -1 tap lands inside for the first three.
        assertValues(new double[] {-1, -3, -7, -4}, ReferenceOps.conv2d(x, k, 2, 2, 1, 1));
    }

    @Test
    void conv2d_sumsOverInputChannelsAndKeepsOutputChannelsApart() {
        double[] v = new double[12];
        for (int i = 0; i < 6; i++) {
            v[i] = 1;
            v[6 + i] = 2;
        }
        HostTensor x = t(Shape.of(1, 2, 2, 3), v);
        HostTensor k = t(Shape.of(2, 2, 1, 1), 1, 10, -1, 0);
        HostTensor y = ReferenceOps.conv2d(x, k, 1, 1, 0, 0);
        assertEquals(Shape.of(1, 2, 2, 3), y.shape());
        assertValues(new double[] {21, 21, 21, 21, 21, 21, -1, -1, -1, -1, -1, -1}, y);
    }

    @Test
    void pooling_nonOverlappingAndStrided() {
        HostTensor x = t(Shape.of(1, 1, 2, 4), 1, 5, 2, 0, 3, 4, 8, 7);
        assertValues(new double[] {5, 8}, ReferenceOps.maxPool2d(x, 2, 2, 2, 2));
        assertValues(new double[] {3.25, 4.25}, ReferenceOps.avgPool2d(x, 2, 2, 2, 2));
        HostTensor row = t(Shape.of(1, 1, 1, 4), 1, 5, 2, 0);
        assertValues(new double[] {5, 5, 2}, ReferenceOps.maxPool2d(row, 1, 2, 1, 1));
        assertValues(new double[] {3, 1}, ReferenceOps.avgPool2d(row, 1, 2, 1, 2));
    }

    @Test
    void broadcasting_columnPlusRow_andVectorPlusRank3() {
        HostTensor col = t(Shape.of(3, 1), 1, 2, 3);
        HostTensor row = t(Shape.of(1, 4), 10, 20, 30, 40);
        assertValues(new double[] {11, 21, 31, 41, 12, 22, 32, 42, 13, 23, 33, 43}, ReferenceOps.add(col, row));
        HostTensor big = Fixtures.random(1, 2, 3, 4);
        HostTensor b = t(Shape.of(4), 1, 2, 3, 4);
        HostTensor sum = ReferenceOps.add(b, big);
        assertEquals(Shape.of(2, 3, 4), sum.shape());
        assertEquals(big.get(1, 2, 3) + 4, sum.get(1, 2, 3), EXACT);
        assertEquals(big.get(0, 1, 0) + 1, sum.get(0, 1, 0), EXACT);
        assertValues(new double[] {-1, 0, 1}, ReferenceOps.sub(t(Shape.of(3), 1, 2, 3), HostTensor.scalar(DType.FLOAT64, 2)));
    }

    @Test
    void layerNorm_overTheLastAxis_withBiasedVariance() {
        HostTensor x = t(Shape.of(2, 4), 1, 2, 3, 4, 2, 2, 2, 2);
        HostTensor gamma = t(Shape.of(4), 2, 2, 2, 2);
        HostTensor beta = t(Shape.of(4), 1, 1, 1, 1);
        // Row 0: mean 2.5, biased variance 1.25 (eps 0). Row 1 is constant and normalises to 0 (eps 1 avoids 0 / 0).
        double s = Math.sqrt(1.25);
        assertValues(new double[] {1 - 3 / s, 1 - 1 / s, 1 + 1 / s, 1 + 3 / s}, ReferenceOps.layerNorm(ReferenceOps.slice(x, 0, 0, 1), gamma, beta, 0));
        assertValues(new double[] {1, 1, 1, 1}, ReferenceOps.layerNorm(ReferenceOps.slice(x, 0, 1, 1), gamma, beta, 1));
    }

    @Test
    void attention_withCausalMask_andWithout() {
        HostTensor x = t(Shape.of(1, 3, 1), 1, 2, 3);
        HostTensor one = t(Shape.of(1, 1), 1);
        HostTensor zero = t(Shape.of(1), 0);
        List<HostTensor> w = List.of(one, one, one, one);
        List<HostTensor> b = List.of(zero, zero, zero, zero);
        // q = k = v = x, scores x_i x_j; causal: position i sees j <= i.
        double e = Math.E;
        double p1 = (1 * Math.pow(e, 2) + 2 * Math.pow(e, 4)) / (Math.pow(e, 2) + Math.pow(e, 4));
        double p2 = (Math.pow(e, 3) + 2 * Math.pow(e, 6) + 3 * Math.pow(e, 9)) / (Math.pow(e, 3) + Math.pow(e, 6) + Math.pow(e, 9));
        assertArrayEquals(new double[] {1, p1, p2}, ReferenceOps.attention(x, 1, true, w, b).toDoubleArray(), 1e-14);
        double q0 = (e + 2 * e * e + 3 * e * e * e) / (e + e * e + e * e * e);
        assertEquals(q0, ReferenceOps.attention(x, 1, false, w, b).get(0, 0, 0), 1e-14);
        assertEquals(p2, ReferenceOps.attention(x, 1, false, w, b).get(0, 2, 0), 1e-14, "the last position sees everything either way");
    }

    @Test
    void causalMask_isZeroOnAndBelowTheDiagonal() {
        assertValues(new double[] {0, Ops.MASKED, Ops.MASKED, 0, 0, Ops.MASKED, 0, 0, 0}, ReferenceOps.causalMask(3));
    }

    @Test
    void softmaxAndLogSoftmax_stayFiniteAtPlusMinus1000() {
        HostTensor x = t(Shape.of(1, 3), 1000, 999, -1000);
        double z = 1 + Math.exp(-1);
        assertArrayEquals(new double[] {1 / z, Math.exp(-1) / z, 0}, ReferenceOps.softmax(x, -1).toDoubleArray(), 1e-15);
        assertArrayEquals(new double[] {-Math.log(z), -1 - Math.log(z), -2000 - Math.log(z)}, ReferenceOps.logSoftmax(x, 1).toDoubleArray(),
                1e-12);
    }

    @Test
    void matmul_batched() {
        HostTensor a = t(Shape.of(2, 1, 2), 1, 2, 3, 4);
        HostTensor b = t(Shape.of(2, 2, 1), 5, 6, 7, 8);
        assertValues(new double[] {1 * 5 + 2 * 6, 3 * 7 + 4 * 8}, ReferenceOps.matmul(a, b));
    }

    @Test
    void reductions_onSeveralAndNegativeAxes() {
        HostTensor x = t(Shape.of(2, 2, 2), 1, 2, 3, 4, 5, 6, 7, 8);
        assertValues(new double[] {1 + 3 + 5 + 7, 2 + 4 + 6 + 8}, ReferenceOps.sum(x, new int[] {0, 1}, false));
        HostTensor kept = ReferenceOps.mean(x, new int[] {-1}, true);
        assertEquals(Shape.of(2, 2, 1), kept.shape());
        assertValues(new double[] {1.5, 3.5, 5.5, 7.5}, kept);
        assertValues(new double[] {7, 8}, ReferenceOps.max(x, new int[] {0, -2}, false));
        assertEquals(Shape.scalar(), ReferenceOps.sum(x, new int[0], false).shape());
    }

    @Test
    void layout_transposeRank4_sliceConcatGatherOneHot() {
        HostTensor x = Fixtures.random(3, 2, 3, 1, 4);
        HostTensor y = ReferenceOps.transpose(x, 3, 1, 0, 2);
        assertEquals(Shape.of(4, 3, 2, 1), y.shape());
        assertEquals(x.get(1, 2, 0, 3), y.get(3, 2, 1, 0), EXACT);
        HostTensor m = t(Shape.of(2, 3), 1, 2, 3, 4, 5, 6);
        assertValues(new double[] {2, 3, 5, 6}, ReferenceOps.slice(m, -1, 1, 2));
        assertValues(new double[] {1, 2, 3, 9, 4, 5, 6, 9}, ReferenceOps.concat(List.of(m, t(Shape.of(2, 1), 9, 9)), 1));
        assertValues(new double[] {4, 5, 6, 1, 2, 3, 4, 5, 6}, ReferenceOps.gather(m, HostTensor.ofInts(Shape.of(3), 1, 0, 1)));
        assertValues(new double[] {0, 1, 1, 0}, ReferenceOps.oneHot(HostTensor.ofInts(Shape.of(2), 1, 0), 2, DType.FLOAT64));
        assertEquals(Shape.of(3, 2), ReferenceOps.reshape(m, Shape.of(-1, 2)).shape());
    }

    @Test
    void losses() {
        HostTensor logits = t(Shape.of(1, 2), 0, 0);
        assertEquals(Math.log(2), ReferenceOps.softmaxCrossEntropy(logits, HostTensor.ofInts(Shape.of(1), 1)).scalarValue(), 1e-15);
        assertEquals((1 + 4) / 2.0, ReferenceOps.mseLoss(t(Shape.of(2), 1, 2), t(Shape.of(2), 0, 0)).scalarValue(), EXACT);
    }
}
