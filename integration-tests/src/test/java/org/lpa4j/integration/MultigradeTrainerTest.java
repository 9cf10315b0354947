package org.lpa4j.integration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.lpa4j.api.Lpa4jException;
import org.lpa4j.api.backend.Backend;
import org.lpa4j.api.backend.Backends;
import org.lpa4j.api.compile.CompiledForward;
import org.lpa4j.api.compile.OptimizerSpec;
import org.lpa4j.api.compile.VariableStore;
import org.lpa4j.api.data.DataSplits;
import org.lpa4j.api.data.Metric;
import org.lpa4j.api.params.ParameterSet;
import org.lpa4j.api.tensor.DType;
import org.lpa4j.api.tensor.HostTensor;
import org.lpa4j.api.tensor.Tensor;
import org.lpa4j.api.training.TrainingConfig;
import org.lpa4j.api.training.TrainingListener;
import org.lpa4j.api.training.TrainingResult;
import org.lpa4j.api.layers.Activation;
import org.lpa4j.architectures.fnn.ResidualMlp;
import org.lpa4j.datasets.surfaces.Surface;
import org.lpa4j.datasets.surfaces.SurfaceTask;
import org.lpa4j.architectures.graded.Grade;
import org.lpa4j.architectures.graded.GradedMlp;
import org.lpa4j.trainers.multigrade.GradeListener;
import org.lpa4j.trainers.multigrade.GradeResult;
import org.lpa4j.trainers.multigrade.GradeSchedule;
import org.lpa4j.trainers.multigrade.MultigradeTrainer;

/**
 * The multigrade trainer on the TensorFlow engine (the fastest for small steps): earlier grades stay frozen bit for bit, the validation error does not rise
 * from grade to grade, adaptive runs stop at the tolerance or drop a grade that does not help, and the graded network's
 * residual-network form (stem, blocks, head) gives the same readouts as its direct form.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MultigradeTrainerTest {
    private Backend backend;
    private DataSplits data;
    private TrainingConfig config;

    @BeforeAll
    void setUp() {
        backend = Backends.open("tensorflow");
        data = SurfaceTask.generate(Surface.PEAKS_2D, 1000, 11, DType.FLOAT32);
        config = TrainingConfig.defaults().withSeed(3);
    }

    @AfterAll
    void tearDown() {
        backend.close();
    }

    private static final Grade GRADE = Grade.of(List.of(24, 24), Activation.TANH);

    private static GradeSchedule schedule(int epochs) {
        return new GradeSchedule(epochs, 32, 0.03, 1e-3);
    }

    private static GradedMlp graded(int grades) {
        return new GradedMlp(2, 1, java.util.Collections.nCopies(grades, GRADE), DType.FLOAT32);
    }

    /** Records every grade's result and the weights right after it. */
    private static final class Recorder implements GradeListener {
        final List<GradeResult> results = new ArrayList<>();
        final List<ParameterSet> weights = new ArrayList<>();

        @Override
        public void onGradeEnd(String trainer, GradeResult result, Supplier<ParameterSet> current) {
            results.add(result);
            weights.add(current.get());
        }
    }

    @Test
    void earlierGradesStayFrozenBitForBit_andTheValidationErrorDoesNotRise() {
        GradedMlp graded = graded(3);
        Recorder recorder = new Recorder();
        ParameterSet init = ParameterSet.initialize(graded.parameters(), config.seed(), DType.FLOAT32);
        // AdamW decays every parameter it updates, even one with a zero gradient: only the trainable subset keeps a grade frozen.
        TrainingConfig decaying = config.withOptimizer(OptimizerSpec.adamW(0.01));
        try (TrainingResult r = MultigradeTrainer.allGrades().withSchedules(List.of(schedule(12), schedule(12), schedule(12))).onGradeEnd(recorder)
                .train(backend, graded, data, decaying, Metric.RELATIVE_L2, List.of())) {
            ParameterSet last = r.model().parameters();
            for (int k = 1; k <= 3; k++) {
                for (String name : graded.blockParameters(k)) {
                    assertNotEquals(init.get(name), recorder.weights.get(k - 1).get(name), "grade " + k + " trains " + name);
                    for (int later = k; later <= 3; later++) {
                        assertEquals(recorder.weights.get(k - 1).get(name), recorder.weights.get(later - 1).get(name),
                                name + " changed while grade " + later + " trained");
                    }
                    assertEquals(recorder.weights.get(k - 1).get(name), last.get(name), name + " differs in the returned model");
                }
                for (int later = k + 1; later <= 3; later++) {
                    for (String name : graded.blockParameters(later)) {
                        assertEquals(init.get(name), recorder.weights.get(k - 1).get(name), name + " moved before its grade");
                    }
                }
            }
            List<HostTensor> predictions = r.model().predictAll(data.test().x());
            for (int k = 1; k <= 3; k++) {
                GradeResult g = recorder.results.get(k - 1);
                assertTrue(g.kept());
                assertEquals(Metric.RELATIVE_L2.evaluate(predictions.get(k - 1), data.test().y()), g.test(), 1e-6, "test metric of grade " + k);
                assertEquals(g.test(), r.test().at(k), 0);
                if (k >= 2) {
                    GradeResult before = recorder.results.get(k - 2);
                    assertTrue(g.validation() <= before.validation(), "validation error rose at grade " + k + ": " + recorder.results);
                    assertTrue(g.train() <= before.train(), "training error rose at grade " + k + ": " + recorder.results);
                }
            }
            assertTrue(r.test().at(3) < 0.8 * r.test().at(1), "three grades should beat one clearly: " + recorder.results);
        }
    }

    @Test
    void withoutSchedulesEveryGradeTrainsWithTheEpochsBatchSizeAndLearningRateOfItsConfig() {
        List<int[]> begins = new ArrayList<>();
        TrainingListener beginnings = new TrainingListener() {
            @Override
            public void onTrainingBegin(String trainer, int epochs, int batchesPerEpoch) {
                begins.add(new int[] {epochs, batchesPerEpoch});
            }
        };
        GradedMlp graded = graded(2);
        ParameterSet init = ParameterSet.initialize(graded.parameters(), config.seed(), DType.FLOAT32);
        TrainingConfig base = config.withEpochs(2).withBatchSize(50);
        double still;
        try (TrainingResult r = MultigradeTrainer.allGrades().train(backend, graded, data, base.withLearningRate(1e-12), Metric.RELATIVE_L2,
                List.of(beginnings))) {
            still = largestChange(init, r.model().parameters());
        }
        assertEquals(2, begins.size());
        for (int[] b : begins) {
            assertEquals(2, b[0], "epochs per grade");
            assertEquals((data.train().size() + 49) / 50, b[1], "batches per epoch");
        }
        double moved;
        try (TrainingResult r = MultigradeTrainer.allGrades().train(backend, graded, data, base.withLearningRate(0.03), Metric.RELATIVE_L2,
                List.of())) {
            moved = largestChange(init, r.model().parameters());
        }
        assertTrue(still < 1e-8, "a learning rate of 1e-12 moved a weight by " + still);
        assertTrue(moved > 1e-3, "a learning rate of 0.03 moved no weight by more than " + moved);
    }

    private static double largestChange(ParameterSet before, ParameterSet after) {
        double largest = 0;
        for (String name : before.names()) {
            double[] a = before.get(name).toDoubleArray();
            double[] b = after.get(name).toDoubleArray();
            for (int i = 0; i < a.length; i++) {
                largest = Math.max(largest, Math.abs(a[i] - b[i]));
            }
        }
        return largest;
    }

    @Test
    void adaptiveRunsStopAtTheToleranceOrDropAGradeThatDoesNotHelp() {
        Recorder early = new Recorder();
        try (TrainingResult r = MultigradeTrainer.adaptive(0.9).withSchedules(List.of(schedule(6), schedule(6), schedule(6))).onGradeEnd(early)
                .train(backend, graded(3), data, config, Metric.RELATIVE_L2, List.of())) {
            assertTrue(early.results.get(0).validation() <= 0.9, "grade 1 should reach 0.9: " + early.results);
            assertEquals(1, early.results.size());
            assertEquals(1, r.model().depth());
            assertEquals(1, r.test().depth());
        }
        // A grade whose learning rate is negligible keeps its random initial output, which only adds error: it is dropped.
        GradeSchedule useless = new GradeSchedule(1, 32, 1e-12, 1e-12);
        Recorder dropped = new Recorder();
        try (TrainingResult r = MultigradeTrainer.adaptive(0).withSchedules(List.of(schedule(6), useless, schedule(6))).onGradeEnd(dropped)
                .train(backend, graded(3), data, config, Metric.RELATIVE_L2, List.of())) {
            assertEquals(2, dropped.results.size());
            assertTrue(dropped.results.get(0).kept());
            assertFalse(dropped.results.get(1).kept());
            assertTrue(dropped.results.get(1).validation() > dropped.results.get(0).validation());
            assertEquals(1, r.model().depth());
            assertEquals(r.model().network().parameters().size(), r.model().parameters().size(), "the model keeps only grade 1's weights");
        }
    }

    @Test
    void theResidualNetworkFormGivesTheSameReadoutsAsTheDirectForm() {
        GradedMlp graded = new GradedMlp(2, 1, List.of(Grade.of(List.of(6, 9), Activation.SIN), Grade.of(List.of(4), Activation.RELU),
                Grade.of(List.of(12, 3), Activation.TANH)), DType.FLOAT64);
        HostTensor x = data.test().x().cast(DType.FLOAT64);
        try (VariableStore store = backend.createVariables(ParameterSet.initialize(graded.parameters(), 9, DType.FLOAT64));
             CompiledForward direct = store.compileForward(List.of(graded.input()), (ops, p, in) -> graded.readouts(ops, p, in.get(0), 3, false));
             CompiledForward trajectory = store.compileForward(List.of(graded.input()), (ops, p, in) -> {
                 List<Tensor> out = new ArrayList<>();
                 Tensor h = graded.stem(ops, p, in.get(0));
                 for (int l = 1; l <= 3; l++) {
                     h = ops.add(h, graded.block(l, ops, p, h));
                     out.add(graded.head(ops, p, h));
                 }
                 return out;
             })) {
            List<HostTensor> a = direct.run(List.of(x));
            List<HostTensor> b = trajectory.run(List.of(x));
            for (int k = 0; k < 3; k++) {
                double scale = Metric.MAX_ERROR.evaluate(a.get(k), HostTensor.zeros(DType.FLOAT64, a.get(k).shape()));
                assertTrue(scale > 1e-3, "readout " + (k + 1) + " is not trivially zero");
                assertTrue(Metric.MAX_ERROR.evaluate(a.get(k), b.get(k)) <= 1e-12 * Math.max(1, scale), "readout " + (k + 1));
            }
        }
    }

    @Test
    void otherArchitecturesAndMismatchedShapesAreExplained() {
        ResidualMlp mlp = new ResidualMlp(2, 8, 2, 1, Activation.RELU, false, DType.FLOAT32);
        assertEquals("The multigrade trainer trains a network of grades (a GradedNetwork, such as architecture 'graded'), but got the"
                        + " 'fnn' architecture, which has none; build a network of grades, or use the lpa or e2e trainer.",
                assertThrows(Lpa4jException.class, () -> MultigradeTrainer.allGrades().train(backend, mlp, data, config, Metric.RELATIVE_L2,
                        List.of())).getMessage());
        GradedMlp wide = new GradedMlp(3, 1, List.of(GRADE), DType.FLOAT32);
        assertEquals("The network's first grade reads 3 input features per example, but the task's inputs have shape [700, 2]; "
                        + "build the network with the task's input width.",
                assertThrows(Lpa4jException.class, () -> MultigradeTrainer.allGrades().train(backend, wide, data, config, Metric.RELATIVE_L2,
                        List.of())).getMessage());
    }
}
