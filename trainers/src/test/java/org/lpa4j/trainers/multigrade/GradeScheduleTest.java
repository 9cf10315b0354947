package org.lpa4j.trainers.multigrade;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.lpa4j.api.Lpa4jException;
import org.lpa4j.api.training.TrainingConfig;

/** Grade schedules: bad ones are explained, and the rate decays per epoch as the published MGDL schedule does. */
class GradeScheduleTest {

    private static String message(Runnable r) {
        return assertThrows(Lpa4jException.class, r::run).getMessage();
    }

    @Test
    void badSchedulesAreExplained() {
        assertEquals("epochs must be positive but is 0.", message(() -> new GradeSchedule(0, 32, 0.1, 0.1)));
        assertEquals("batchSize must be positive but is -1.", message(() -> new GradeSchedule(3, -1, 0.1, 0.1)));
        assertEquals("The minimum learning rate t_min must be positive and at most t_max = 0.01 but is 0.1.",
                message(() -> new GradeSchedule(3, 32, 0.01, 0.1)));
        assertEquals("learningRate must be a positive number but is NaN; 1e-3 is a good start for Adam.", message(() -> new GradeSchedule(3, 32, Double.NaN, 1)));
        assertEquals("The multigrade tolerance must be a finite number but is Infinity.",
                message(() -> MultigradeTrainer.adaptive(Double.POSITIVE_INFINITY)));
    }

    @Test
    void learningRateDecaysExponentiallyPerEpochFromMaxToMinAsPublished() {
        int passes = 21;
        int batches = 7;
        TrainingConfig grade = new GradeSchedule(passes, 32, 0.1, 1e-4).apply(TrainingConfig.defaults().withSeed(5));
        assertEquals(passes, grade.epochs());
        assertEquals(32, grade.batchSize());
        assertEquals(5, grade.seed());
        double gamma = Math.log(0.1 / 1e-4) / (passes - 1);
        long total = (long) passes * batches;
        for (int i = 0; i < passes; i++) {
            for (int b = 0; b < batches; b++) {
                assertEquals(0.1 / Math.exp(gamma * i), grade.learningRateAt((long) i * batches + b, total, i + 1), 1e-15, "epoch " + i);
            }
        }
        assertEquals(1e-4, grade.learningRateAt(total - 1, total, passes), 1e-18);
        assertEquals(0.05, new GradeSchedule(1, 8, 0.05, 0.05).apply(TrainingConfig.defaults()).learningRateAt(0, 1, 1), 0);
    }
}
