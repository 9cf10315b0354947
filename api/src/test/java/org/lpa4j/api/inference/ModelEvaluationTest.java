package org.lpa4j.api.inference;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import org.junit.jupiter.api.Test;

/** Which test rows evaluate times its speedup figures on. */
class ModelEvaluationTest {

    @Test
    void timedBatches_spreadFromTheFirstRowToTheLast_notTheFirstRowsAlone() {
        // MNIST's test split: 8 batches of 256 whose last ends on the last row.
        assertArrayEquals(new int[] {0, 1392, 2784, 4176, 5568, 6960, 8352, 9744}, ModelEvaluation.spreadStarts(10_000, 256, 8));
        // Single rows: the last one is the split's last row.
        assertArrayEquals(new int[] {0, 4999, 9998}, ModelEvaluation.spreadStarts(9_999, 1, 3));
    }

    @Test
    void aSplitWithRoomForOneBatch_timesOneBatchFromRowZero() {
        assertArrayEquals(new int[] {0}, ModelEvaluation.spreadStarts(269, 256, 8));
        assertArrayEquals(new int[] {0}, ModelEvaluation.spreadStarts(100, 256, 8));
    }
}
