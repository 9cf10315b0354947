package org.lpa4j.trainers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/** The divergence check: a non-finite loss and a loss grown a million-fold both stop training with a sentence. */
class DivergenceCheckTest {

    @Test
    void aNonFiniteLossIsExplained() {
        DivergenceCheck check = new DivergenceCheck("lpa", 0.2);
        check.check(0.5, 1, 1, 0.1);
        TrainingDivergedException e = assertThrows(TrainingDivergedException.class, () -> check.check(Double.NaN, 2, 3, 0.1));
        assertEquals("Training with lpa diverged: the loss became NaN at epoch 2, batch 3 (learning rate 0.1 at that step). "
                + "Lower the learning rate, e.g. to 0.02, or check the data for extreme values.", e.getMessage());
        assertEquals("learningRate", e.setting());
        assertEquals(0.02, e.suggestedLearningRate(), 1e-18);
    }

    @Test
    void aLossGrownByOrdersOfMagnitudeIsExplained_whileOrdinaryNoiseIsNot() {
        DivergenceCheck check = new DivergenceCheck("multigrade (grade 2)", 1e9);
        check.check(0.25, 1, 1, 1e9);
        check.check(1e4, 1, 2, 1e9);
        check.check(0.25 * DivergenceCheck.GROWTH, 1, 3, 1e9);
        TrainingDivergedException e = assertThrows(TrainingDivergedException.class, () -> check.check(5.6e18, 1, 4, 1e9));
        assertEquals("Training with multigrade (grade 2) diverged: the loss grew from 0.25 at the first batch to 5.6E18 at epoch 1, batch 4, "
                + "more than 1e+06 times its first value (learning rate 1.0E9 at that step). Lower the learning rate, e.g. to 1.0E8, "
                + "or check the data for extreme values.", e.getMessage());
    }
}
