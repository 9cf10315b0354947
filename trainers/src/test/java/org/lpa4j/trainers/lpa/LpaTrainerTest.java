package org.lpa4j.trainers.lpa;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import org.junit.jupiter.api.Test;

/** Depth weights: normalised, and adaptive weights follow the inverse running mean of each depth's loss. */
class LpaTrainerTest {

    @Test
    void uniformAndIncreasingWeightsSumToOne() {
        assertArrayEquals(new double[] {0.25, 0.25, 0.25, 0.25}, new LpaTrainer(LpaForm.JOINT, DepthWeighting.UNIFORM).weights(4), 1e-15);
        assertArrayEquals(new double[] {0.1, 0.2, 0.3, 0.4}, new LpaTrainer(LpaForm.JOINT, DepthWeighting.INCREASING).weights(4), 1e-15);
    }

    @Test
    void adaptiveWeightsAreInverseRunningMeanLosses() {
        LpaTrainer t = new LpaTrainer(LpaForm.LAYER_LOCAL, DepthWeighting.ADAPTIVE);
        assertArrayEquals(new double[] {0.5, 0.5}, t.weights(2), 1e-15);
        t.afterEpoch(new double[] {3.0, 1.0});
        assertArrayEquals(new double[] {0.25, 0.75}, t.weights(2), 1e-15);
        t.afterEpoch(new double[] {3.0, 1.0});
        assertArrayEquals(new double[] {0.25, 0.75}, t.weights(2), 1e-15);
    }
}
