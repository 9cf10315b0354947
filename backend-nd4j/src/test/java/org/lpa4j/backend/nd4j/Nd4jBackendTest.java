package org.lpa4j.backend.nd4j;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.lpa4j.api.backend.Backend;
import org.lpa4j.api.backend.Capability;
import org.lpa4j.api.compile.CompiledForward;
import org.lpa4j.api.compile.CompiledGradient;
import org.lpa4j.api.compile.CompiledTrainStep;
import org.lpa4j.api.compile.GradientResult;
import org.lpa4j.api.compile.InputSpec;
import org.lpa4j.api.compile.LossFunction;
import org.lpa4j.api.compile.OptimizerSpec;
import org.lpa4j.api.compile.ResidentTensor;
import org.lpa4j.api.compile.VariableStore;
import org.lpa4j.api.layers.Dense;
import org.lpa4j.api.params.ParameterSet;
import org.lpa4j.api.params.ParameterSpec;
import org.lpa4j.api.tensor.DType;
import org.lpa4j.api.tensor.HostTensor;
import org.lpa4j.api.tensor.Shape;

/** Checks of the nd4j backend against hand-computed numbers, and a small MLP trained end to end in both precisions. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class Nd4jBackendTest {
    private Backend backend;

    @BeforeAll
    void open() {
        backend = new Nd4jBackendProvider().create();
    }

    @AfterAll
    void close() {
        backend.close();
    }

    @Test
    void declaresEveryCapability() {
        assertEquals("nd4j", backend.name());
        assertEquals(Set.of(Capability.values()), backend.capabilities());
        assertTrue(backend.engineVersion().contains("1.0.0-M2.1"));
    }

    /** loss = sum(relu(x W) * c) with W [2, 2]; value and gradient by hand. */
    @Test
    void matmulReluSum_valueAndGradientByHand() {
        ParameterSet p = ParameterSet.of(java.util.Map.of("w", HostTensor.ofDoubles(Shape.of(2, 2), 1, -1, 2, 0.5)));
        LossFunction loss = (ops, params, in) -> ops.sum(ops.mul(ops.relu(ops.matmul(in.get(0), params.get("w"))),
                ops.constant(HostTensor.ofDoubles(Shape.of(2), 3, 5))), new int[0], false);
        try (VariableStore store = backend.createVariables(p);
                CompiledGradient g = store.compileGradient(List.of(InputSpec.batched("x", DType.FLOAT64, 2)), loss, store.names())) {
            // x = [[1, 1], [2, -1]]: x W = [[3, -0.5], [0, -2.5]], relu = [[3, 0], [0, 0]], loss = 3 * 3 = 9.
            GradientResult r = g.run(List.of(HostTensor.ofDoubles(Shape.of(2, 2), 1, 1, 2, -1)));
            assertEquals(9.0, r.loss(), 1e-12);
            // dL/dW[i][j] = sum_b x[b][i] * c[j] * [xW[b][j] > 0]; only (b=0, j=0) is active (relu'(0) = 0 at b=1, j=0).
            assertArrayEquals(new double[] {3, 0, 3, 0}, r.gradient("w").toDoubleArray(), 1e-12);
        }
    }

    /** Broadcast division and its gradient: d(a / b)/db = -sum(a) / b^2 for a scalar b. */
    @Test
    void broadcastDivision_gradientOfTheDivisor() {
        ParameterSet p = ParameterSet.of(java.util.Map.of("b", HostTensor.ofFloats(Shape.scalar(), 2f)));
        LossFunction loss = (ops, params, in) -> ops.sum(ops.div(in.get(0), params.get("b")), new int[0], false);
        try (VariableStore store = backend.createVariables(p);
                CompiledGradient g = store.compileGradient(List.of(InputSpec.fixed("a", DType.FLOAT32, 3)), loss, store.names())) {
            GradientResult r = g.run(List.of(HostTensor.ofFloats(Shape.of(3), 1f, 2f, 3f)));
            assertEquals(3.0, r.loss(), 1e-6);
            assertEquals(-6.0 / 4.0, r.gradient("b").scalarValue(), 1e-6);
        }
    }

    /** Mean over the batch axis with batch size 1 (an ND4J legacy-reduction edge case the backend works around). */
    @Test
    void meanOverBatchOfOne() {
        try (VariableStore store = backend.createVariables(ParameterSet.of(java.util.Map.of()));
                CompiledForward f = store.compileForward(List.of(InputSpec.batched("x", DType.FLOAT32, 3)),
                        (ops, params, in) -> List.of(ops.mean(in.get(0), new int[] {0}, false), ops.max(in.get(0), new int[0], true)))) {
            List<HostTensor> out = f.run(List.of(HostTensor.ofFloats(Shape.of(1, 3), 1f, 5f, 3f)));
            assertArrayEquals(new float[] {1f, 5f, 3f}, out.get(0).toFloatArray());
            assertEquals(Shape.of(1, 1), out.get(1).shape());
            assertEquals(5.0, out.get(1).scalarValue());
        }
    }

    @Test
    void gradientCompilationPrintsNothingToStandardOutput() {
        PrintStream original = System.out;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setOut(new PrintStream(captured, true));
        try (VariableStore store = backend.createVariables(mlp(DType.FLOAT32));
                CompiledGradient g = store.compileGradient(specs(DType.FLOAT32), MSE, store.names())) {
            assertEquals(Set.of("l1.weight", "l1.bias", "l2.weight", "l2.bias"), g.run(batch(DType.FLOAT32, 1, 4)).gradients().keySet());
        } finally {
            System.setOut(original);
        }
        assertEquals("", captured.toString(), "SameDiff's 'Added differentiated op' lines must be silenced");
    }

    private static final Dense L1 = new Dense("l1", 3, 16);
    private static final Dense L2 = new Dense("l2", 16, 1);
    private static final LossFunction MSE = (ops, p, in) -> ops.mseLoss(L2.forward(ops, p, ops.tanh(L1.forward(ops, p, in.get(0)))), in.get(1));

    private static ParameterSet mlp(DType dtype) {
        List<ParameterSpec> specs = new ArrayList<>(L1.parameters());
        specs.addAll(L2.parameters());
        return ParameterSet.initialize(specs, 42, dtype);
    }

    private static List<InputSpec> specs(DType dtype) {
        return List.of(InputSpec.batched("x", dtype, 3), InputSpec.batched("y", dtype, 1));
    }

    /** y = sin(x0) + x1 x2 on uniform x. */
    private static List<HostTensor> batch(DType dtype, long seed, int n) {
        SplittableRandom r = new SplittableRandom(seed);
        double[] x = new double[n * 3];
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < 3; j++) {
                x[i * 3 + j] = r.nextDouble(-1, 1);
            }
            y[i] = Math.sin(x[i * 3]) + x[i * 3 + 1] * x[i * 3 + 2];
        }
        return List.of(HostTensor.fromDoubles(dtype, Shape.of(n, 3), x), HostTensor.fromDoubles(dtype, Shape.of(n, 1), y));
    }

    private void trainsAndFreezes(DType dtype) {
        ParameterSet init = mlp(dtype);
        List<HostTensor> data = batch(dtype, 7, 64);
        try (VariableStore store = backend.createVariables(init);
                CompiledTrainStep step = store.compileTrainStep(specs(dtype), MSE, Set.of("l1.weight", "l1.bias", "l2.weight"),
                        OptimizerSpec.adam());
                CompiledGradient check = store.compileGradient(specs(dtype), MSE, Set.of("l2.bias"))) {
            double first = check.run(data).loss();
            double last = first;
            for (int i = 0; i < 200; i++) {
                last = step.run(data, 0.01);
            }
            assertEquals(200, step.stepCount());
            double after = check.run(data).loss();
            assertTrue(after < 0.3 * first, () -> dtype + ": loss " + first + " -> " + after + " after 200 Adam steps");
            assertTrue(after <= last, "the step returns the loss before its update");
            ParameterSet now = store.export();
            assertEquals(init.get("l2.bias"), now.get("l2.bias"), "the frozen bias must not change");
            assertTrue(!init.get("l1.weight").equals(now.get("l1.weight")), "a trainable weight must change");
            assertEquals(dtype, now.get("l1.weight").dtype());
        }
    }

    @Test
    void mlpTrainsWithAdamAndFrozenParametersStay_float32() {
        trainsAndFreezes(DType.FLOAT32);
    }

    @Test
    void mlpTrainsWithAdamAndFrozenParametersStay_float64() {
        trainsAndFreezes(DType.FLOAT64);
    }

    @Test
    void oneAdamStepFollowsTheSpecFormula() {
        // One parameter p = 1 with loss p^2: g = 2, m_hat = 2, v_hat = 4, p1 = 1 - lr * 2 / (2 + eps).
        ParameterSet p = ParameterSet.of(java.util.Map.of("p", HostTensor.ofDoubles(Shape.of(1), 1.0)));
        LossFunction loss = (ops, params, in) -> ops.sum(ops.square(params.get("p")), new int[0], false);
        try (VariableStore store = backend.createVariables(p);
                CompiledTrainStep step = store.compileTrainStep(List.of(), loss, store.names(), new OptimizerSpec.Adam(0.9, 0.999, 0.5))) {
            assertEquals(1.0, step.run(List.of(), 0.1), 0.0);
            assertEquals(1 - 0.1 * 2 / 2.5, store.export().get("p").getDouble(0), 1e-15);
        }
        try (VariableStore store = backend.createVariables(p);
                CompiledTrainStep step = store.compileTrainStep(List.of(), loss, store.names(), new OptimizerSpec.Sgd(0.9, 0.5))) {
            step.run(List.of(), 0.1);
            // g' = 2 + 0.5 = 2.5, v = 2.5, p = 1 - 0.25
            assertEquals(0.75, store.export().get("p").getDouble(0), 1e-15);
        }
    }

    @Test
    void closedStoreRejectsItsPrograms() {
        VariableStore store = backend.createVariables(mlp(DType.FLOAT32));
        CompiledForward f = store.compileForward(List.of(specs(DType.FLOAT32).get(0)),
                (ops, p, in) -> List.of(L1.forward(ops, p, in.get(0))));
        store.close();
        assertThrows(IllegalStateException.class, () -> f.run(List.of(batch(DType.FLOAT32, 1, 2).get(0))));
        f.close();
        store.close();
    }

    @Test
    void residentTensors_stayInNd4j_uploadsOutputsAndSelections() {
        Dense dense = new Dense("d", 3, 2);
        try (VariableStore store = backend.createVariables(ParameterSet.initialize(dense.parameters(), 7, DType.FLOAT32));
                CompiledForward f = store.compileForward(List.of(InputSpec.batched("x", DType.FLOAT32, 3)),
                        (ops, p, in) -> List.of(dense.forward(ops, p, in.get(0))));
                ResidentTensor in = store.upload(HostTensor.ofFloats(Shape.of(2, 3), 1, 2, 3, 4, 5, 6));
                ResidentTensor out = f.runResident(List.of(in)).get(0);
                ResidentTensor picked = store.selectRows(out, new int[] {1})) {
            // The host fallback of the backend base would pass the conformance suite too; these are the engine's own handles.
            for (ResidentTensor t : List.of(in, out, picked)) {
                assertEquals(Nd4jResident.class, t.getClass(), t.toString());
            }
        }
    }
}
