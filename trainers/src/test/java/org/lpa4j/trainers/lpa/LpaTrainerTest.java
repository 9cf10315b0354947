package org.lpa4j.trainers.lpa;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.lpa4j.api.layers.Activation;
import org.lpa4j.api.tensor.DType;
import org.lpa4j.api.training.ResidualTarget;
import org.lpa4j.architectures.fnn.ResidualMlp;

/** The measured default, and depth weights: normalised, adaptive ones following the inverse running mean of each depth's loss. */
class LpaTrainerTest {

    private static LpaObjective objective(int depth, LpaForm form, DepthWeighting weighting) {
        ResidualMlp network = new ResidualMlp(2, 4, depth, 1, Activation.TANH, false, DType.FLOAT64);
        return new LpaObjective(network, ResidualTarget.meanSquaredError(), DType.FLOAT64, form, weighting);
    }

    @Test
    void theDefaultIsTheMeasuredOneJointWithAdaptiveWeights() {
        LpaTrainer lpa = new LpaTrainer();
        assertEquals(LpaForm.JOINT, lpa.form());
        assertEquals(DepthWeighting.ADAPTIVE, lpa.weighting());
    }

    @Test
    void uniformAndIncreasingWeightsSumToOne() {
        assertArrayEquals(new double[] {0.25, 0.25, 0.25, 0.25}, objective(4, LpaForm.JOINT, DepthWeighting.UNIFORM).weights(), 1e-15);
        assertArrayEquals(new double[] {0.1, 0.2, 0.3, 0.4}, objective(4, LpaForm.JOINT, DepthWeighting.INCREASING).weights(), 1e-15);
    }

    @Test
    void adaptiveWeightsAreInverseRunningMeanLosses_andEveryRunStartsAfresh() {
        LpaObjective run = objective(2, LpaForm.LAYER_LOCAL, DepthWeighting.ADAPTIVE);
        assertArrayEquals(new double[] {0.5, 0.5}, run.weights(), 1e-15);
        run.afterEpoch(new double[] {3.0, 1.0});
        assertArrayEquals(new double[] {0.25, 0.75}, run.weights(), 1e-15);
        run.afterEpoch(new double[] {3.0, 1.0});
        assertArrayEquals(new double[] {0.25, 0.75}, run.weights(), 1e-15);
        assertArrayEquals(new double[] {0.5, 0.5}, objective(2, LpaForm.LAYER_LOCAL, DepthWeighting.ADAPTIVE).weights(), 1e-15);
    }
}
