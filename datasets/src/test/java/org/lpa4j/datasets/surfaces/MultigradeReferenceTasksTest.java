package org.lpa4j.datasets.surfaces;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.lpa4j.api.data.Metric;
import org.lpa4j.api.task.LoadedTask;
import org.lpa4j.api.task.TaskOptions;
import org.lpa4j.api.task.Tasks;

/** The multigrade reference data is a registered task: the published sizes, distinct noisy validation rows, seeded. */
class MultigradeReferenceTasksTest {

    @Test
    void theReferenceDataIsATaskOfTheRegistry() {
        LoadedTask task = Tasks.discover().load(MultigradeReferenceTasks.NAME, TaskOptions.defaults().withSeed(3));
        assertEquals(Metric.RSE, task.metric());
        assertEquals(5000, task.data().train().size());
        assertEquals(1000, task.data().validation().size());
        assertEquals(1000, task.data().test().size());
        double[] x = task.data().validation().x().toDoubleArray();
        assertEquals(x.length, Arrays.stream(x).distinct().count(), "the validation rows are distinct training points");
        double[] y = task.data().validation().y().toDoubleArray();
        double noise = 0;
        for (int i = 0; i < x.length; i++) {
            noise += (y[i] - Math.sin(100 * x[i])) * (y[i] - Math.sin(100 * x[i]));
        }
        double sd = Math.sqrt(noise / x.length);
        assertTrue(sd > 0.008 && sd < 0.012, "N(0, 0.01^2) noise on the validation targets: " + sd);
        double[] other = Tasks.discover().load(MultigradeReferenceTasks.NAME, TaskOptions.defaults().withSeed(4)).data().validation().x()
                .toDoubleArray();
        assertNotEquals(Arrays.toString(x), Arrays.toString(other), "another seed draws other validation rows");
    }
}
