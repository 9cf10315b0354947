package org.lpa4j.trainers.multigrade;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.lpa4j.api.Lpa4jException;
import org.lpa4j.api.layers.Activation;
import org.lpa4j.api.tensor.DType;

/** Grade specs and stair networks: bad specs are explained, and the grades are wired as the method describes. */
class GradeSpecTest {

    private static String message(Runnable r) {
        return assertThrows(Lpa4jException.class, r::run).getMessage();
    }

    @Test
    void badGradeSpecsAreExplained() {
        assertEquals("A grade needs at least one hidden layer, but its hidden widths are empty; give e.g. [64, 64].",
                message(() -> GradeSpec.of(List.of(), Activation.RELU, 5, 0.01, 1e-4, 32)));
        assertEquals("Hidden layer 2 of a grade has width 0; every width must be positive.",
                message(() -> GradeSpec.of(List.of(8, 0), Activation.RELU, 5, 0.01, 1e-4, 32)));
        assertEquals("A grade has 2 hidden layers but 1 activations; give one activation per hidden layer.",
                message(() -> new GradeSpec(List.of(8, 8), List.of(Activation.SIN), 5, ExponentialDecay.constant(0.1), 32)));
        assertEquals("A grade's epochs must be positive but is 0.", message(() -> GradeSpec.of(List.of(8), Activation.SIN, 0, 0.1, 0.1, 32)));
        assertEquals("A grade's batch size must be positive but is -1.",
                message(() -> GradeSpec.of(List.of(8), Activation.SIN, 3, 0.1, 0.1, -1)));
        assertEquals("The minimum learning rate t_min must be positive and at most t_max = 0.01 but is 0.1.",
                message(() -> GradeSpec.of(List.of(8), Activation.SIN, 3, 0.01, 0.1, 32)));
        assertEquals("The maximum learning rate t_max must be a positive number but is NaN.", message(() -> new ExponentialDecay(Double.NaN, 1)));
        assertEquals("A stair network needs at least one grade; give one grade spec per grade.",
                message(() -> new StairNetwork(1, 1, List.of(), DType.FLOAT32)));
        assertEquals("The multigrade tolerance must be a finite number but is Infinity.",
                message(() -> MultigradeTrainer.adaptive(Double.POSITIVE_INFINITY)));
    }

    @Test
    void learningRateDecaysExponentiallyFromMaxToMinAsPublished() {
        ExponentialDecay d = new ExponentialDecay(0.1, 1e-4);
        int passes = 21;
        double gamma = Math.log(0.1 / 1e-4) / (passes - 1);
        for (int i = 0; i < passes; i++) {
            assertEquals(0.1 / Math.exp(gamma * i), d.at(i, passes), 1e-15, "epoch " + i);
        }
        assertEquals(1e-4, d.at(passes - 1, passes), 1e-18);
        assertEquals(0.1, d.at(0, 1), 0);
        assertEquals(0.05, ExponentialDecay.constant(0.05).at(7, 10), 0);
    }

    @Test
    void gradeKReadsTheLastHiddenLayerOfGradeKMinus1AndOwnsItsParameters() {
        StairNetwork stair = new StairNetwork(3, 2, List.of(GradeSpec.of(List.of(16, 8), Activation.SIN, 2, 0.1, 0.1, 4),
                GradeSpec.of(List.of(5), Activation.RELU, 2, 0.1, 0.1, 4)), DType.FLOAT64);
        assertEquals(2, stair.depth());
        assertEquals(3, stair.inputWidth(1));
        assertEquals(8, stair.inputWidth(2));
        assertEquals(java.util.Set.of("grade2.hidden1.weight", "grade2.hidden1.bias", "grade2.out.weight", "grade2.out.bias"),
                stair.blockParameters(2));
        long count = stair.parameters().stream().mapToLong(s -> s.shape().size()).sum();
        assertEquals((3 * 16 + 16) + (16 * 8 + 8) + (8 * 2 + 2) + (8 * 5 + 5) + (5 * 2 + 2), count);
        assertEquals("[8, 5, 2] relu", stair.grade(2).describe(stair.inputWidth(2), 2));
        assertEquals(1, stair.prefix(1).depth());
        assertEquals("Grade 3 is outside 1..2 of this stair network.", message(() -> stair.blockParameters(3)));
    }
}
