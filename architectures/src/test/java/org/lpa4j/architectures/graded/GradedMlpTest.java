package org.lpa4j.architectures.graded;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.lpa4j.api.Lpa4jException;
import org.lpa4j.api.layers.Activation;
import org.lpa4j.api.tensor.DType;

/** Grades and graded networks: bad grades are explained, and the grades are wired as the method describes. */
class GradedMlpTest {

    private static String message(Runnable r) {
        return assertThrows(Lpa4jException.class, r::run).getMessage();
    }

    @Test
    void badGradesAreExplained() {
        assertEquals("A grade needs at least one hidden layer, but its hidden widths are empty; give e.g. [64, 64].",
                message(() -> Grade.of(List.of(), Activation.RELU)));
        assertEquals("Hidden layer 2 of a grade has width 0; every width must be positive.", message(() -> Grade.of(List.of(8, 0), Activation.RELU)));
        assertEquals("A grade has 2 hidden layers but 1 activations; give one activation per hidden layer.",
                message(() -> new Grade(List.of(8, 8), List.of(Activation.SIN))));
        assertEquals("A graded network needs at least one grade; give one Grade per grade.",
                message(() -> new GradedMlp(1, 1, List.of(), DType.FLOAT32)));
    }

    @Test
    void gradeKReadsTheLastHiddenLayerOfGradeKMinus1AndOwnsItsParameters() {
        GradedMlp graded = new GradedMlp(3, 2, List.of(Grade.of(List.of(16, 8), Activation.SIN), Grade.of(List.of(5), Activation.RELU)),
                DType.FLOAT64);
        assertEquals(2, graded.depth());
        assertEquals(3, graded.inputWidth(1));
        assertEquals(8, graded.inputWidth(2));
        assertEquals(Set.of("grade2.hidden1.weight", "grade2.hidden1.bias", "grade2.out.weight", "grade2.out.bias"), graded.blockParameters(2));
        long count = graded.parameters().stream().mapToLong(s -> s.shape().size()).sum();
        assertEquals((3 * 16 + 16) + (16 * 8 + 8) + (8 * 2 + 2) + (8 * 5 + 5) + (5 * 2 + 2), count);
        assertEquals("[8, 5, 2] relu", graded.grade(2).describe(graded.inputWidth(2), 2));
        assertEquals(1, graded.prefix(1).depth());
        assertEquals("Grade 3 is outside 1..2 of this graded network.", message(() -> graded.blockParameters(3)));
    }

    @Test
    void stackedGradesKeepEveryLayerInOrder() {
        Grade stacked = Grade.stacked(List.of(Grade.of(List.of(4, 3), Activation.SIN), Grade.of(List.of(2), Activation.RELU)));
        assertEquals(List.of(4, 3, 2), stacked.hiddenWidths());
        assertEquals("[1, 4, 3, 2, 1] [sin, sin, relu]", stacked.describe(1, 1));
    }
}
