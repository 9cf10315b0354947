package org.lpa4j.backend.djl;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
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
import org.lpa4j.api.compile.TraceException;
import org.lpa4j.api.compile.VariableStore;
import org.lpa4j.api.layers.Dense;
import org.lpa4j.api.ops.Ops;
import org.lpa4j.api.params.ParameterSet;
import org.lpa4j.api.params.ParameterSpec;
import org.lpa4j.api.tensor.DType;
import org.lpa4j.api.tensor.HostTensor;
import org.lpa4j.api.tensor.Shape;
import org.lpa4j.api.tensor.Tensor;

/** The DJL backend's own checks: a few ops against hand-computed values and gradients, and a small MLP trained with Adam. */
class DjlBackendTest {
    private static Backend backend;

    @BeforeAll
    static void open() {
        backend = new DjlBackendProvider().create();
    }

    @AfterAll
    static void close() {
        backend.close();
    }

    @Test
    void declaresEveryCapabilityAndNamesTheEngine() {
        assertEquals("djl", backend.name());
        for (Capability c : Capability.values()) {
            assertTrue(backend.supports(c), c.name());
        }
        assertTrue(backend.engineVersion().contains("2.7.1"), backend.engineVersion());
        assertEquals("true", System.getProperty("ai.djl.offline"));
        assertEquals("true", System.getProperty("OPT_OUT_TRACKING"));
    }

    @Test
    void valuesAndGradientsOfElementwiseOpsMatchHandComputedNumbers() {
        ParameterSet init = ParameterSet.of(java.util.Map.of("w", HostTensor.ofDoubles(Shape.of(3), -1.0, 0.0, 2.0)));
        // loss = sum(relu(w) * w + tanh(w))  ->  d/dw = 2 relu(w) [w > 0] + 1 - tanh(w)^2
        LossFunction loss = (ops, p, in) -> {
            Tensor w = p.get("w");
            return ops.sum(ops.add(ops.mul(ops.relu(w), w), ops.tanh(w)), new int[0], false);
        };
        try (VariableStore store = backend.createVariables(init);
             CompiledGradient grad = store.compileGradient(List.of(), loss, Set.of("w"))) {
            GradientResult r = grad.run(List.of());
            assertEquals(4.0 + Math.tanh(-1) + Math.tanh(2), r.loss(), 1e-12);
            double[] expected = {1 - sq(Math.tanh(-1)), 1.0, 4 + 1 - sq(Math.tanh(2))};
            assertArrayEquals(expected, r.gradient("w").toDoubleArray(), 1e-12);
            assertEquals(DType.FLOAT64, r.gradient("w").dtype());
        }
    }

    @Test
    void matmulBroadcastReductionAndGatherWithUnknownBatch() {
        ParameterSet init = ParameterSet.of(java.util.Map.of(
                "w", HostTensor.ofFloats(Shape.of(2, 2), 1f, 2f, 3f, 4f),
                "table", HostTensor.ofFloats(Shape.of(3, 2), 0f, 1f, 10f, 11f, 20f, 21f)));
        List<InputSpec> specs = List.of(InputSpec.batched("x", DType.FLOAT32, 2), InputSpec.batched("i", DType.INT32));
        LossFunction loss = (ops, p, in) -> {
            Tensor x = in.get(0);
            assertEquals(Shape.of(-1, 2), x.shape());
            Tensor y = ops.add(ops.matmul(x, p.get("w")), ops.gather(p.get("table"), in.get(1)));
            assertEquals(Shape.of(-1, 2), y.shape());
            return ops.mean(ops.max(y, new int[] {1}, false), new int[0], false);
        };
        HostTensor x = HostTensor.ofFloats(Shape.of(2, 2), 1f, 0f, 0f, 1f);
        HostTensor i = HostTensor.ofInts(Shape.of(2), 2, 0);
        try (VariableStore store = backend.createVariables(init);
             CompiledGradient grad = store.compileGradient(specs, loss, Set.of("w", "table"))) {
            GradientResult r = grad.run(List.of(x, i));
            // rows: [1,2]+[20,21] = [21,23] -> 23; [3,4]+[0,1] = [3,5] -> 5; mean 14
            assertEquals(14.0, r.loss(), 1e-6);
            assertArrayEquals(new double[] {0, 0.5, 0, 0.5}, r.gradient("w").toDoubleArray(), 1e-6);
            assertArrayEquals(new double[] {0, 0.5, 0, 0, 0, 0.5}, r.gradient("table").toDoubleArray(), 1e-6);
        }
    }

    @Test
    void opsEndWithTheCallAndRejectForeignTensors() {
        Ops[] kept = new Ops[1];
        Tensor[] tensor = new Tensor[1];
        ParameterSet init = ParameterSet.of(java.util.Map.of("w", HostTensor.ofFloats(Shape.of(1), 1f)));
        try (VariableStore store = backend.createVariables(init);
             CompiledForward f = store.compileForward(List.of(), (ops, p, in) -> {
                 kept[0] = ops;
                 tensor[0] = ops.relu(p.get("w"));
                 return List.of(tensor[0]);
             })) {
            assertEquals(1.0, f.run(List.of()).get(0).getDouble(0));
            assertThrows(TraceException.class, () -> kept[0].relu(tensor[0]));
            try (CompiledForward g = store.compileForward(List.of(), (ops, p, in) -> List.of(ops.add(p.get("w"), tensor[0])))) {
                assertThrows(TraceException.class, () -> g.run(List.of()));
            }
        }
    }

    @Test
    void twoLayerMlpTrainsWithAdamAndFrozenParametersStayUnchanged() {
        Dense hidden = new Dense("hidden", 4, 16);
        Dense out = new Dense("out", 16, 1);
        List<ParameterSpec> specs = new ArrayList<>(hidden.parameters());
        specs.addAll(out.parameters());
        for (DType dtype : new DType[] {DType.FLOAT32, DType.FLOAT64}) {
            ParameterSet init = ParameterSet.initialize(specs, 7, dtype);
            LossFunction loss = (ops, p, in) -> ops.mseLoss(out.forward(ops, p, ops.relu(hidden.forward(ops, p, in.get(0)))), in.get(1));
            List<InputSpec> inputs = List.of(InputSpec.batched("x", dtype, 4), InputSpec.batched("y", dtype, 1));
            SplittableRandom random = new SplittableRandom(3);
            double[] xs = new double[64 * 4];
            double[] ys = new double[64];
            for (int n = 0; n < 64; n++) {
                for (int k = 0; k < 4; k++) {
                    xs[n * 4 + k] = random.nextDouble(-1, 1);
                }
                ys[n] = Math.sin(2 * xs[n * 4]) + xs[n * 4 + 1] * xs[n * 4 + 2];
            }
            HostTensor x = HostTensor.fromDoubles(dtype, Shape.of(64, 4), xs);
            HostTensor y = HostTensor.fromDoubles(dtype, Shape.of(64, 1), ys);
            Set<String> trainable = Set.of("hidden.weight", "hidden.bias", "out.weight");
            try (VariableStore store = backend.createVariables(init);
                 CompiledTrainStep step = store.compileTrainStep(inputs, loss, trainable, OptimizerSpec.adam())) {
                double first = step.run(List.of(x, y), 1e-2);
                double last = first;
                for (int s = 1; s < 200; s++) {
                    last = step.run(List.of(x, y), 1e-2);
                }
                assertEquals(200, step.stepCount());
                assertTrue(last < 0.25 * first, dtype + ": loss fell only from " + first + " to " + last);
                ParameterSet trained = store.export();
                assertEquals(init.get("out.bias"), trained.get("out.bias"));
                assertTrue(!init.get("out.weight").equals(trained.get("out.weight")));
                assertEquals(dtype, trained.get("hidden.weight").dtype());
            }
        }
    }

    @Test
    void adamFirstStepMatchesTheFormula() {
        for (DType dtype : new DType[] {DType.FLOAT32, DType.FLOAT64}) {
            ParameterSet init = ParameterSet.of(java.util.Map.of("w", HostTensor.fromDoubles(dtype, Shape.of(2), new double[] {1.0, -2.0})));
            // loss = sum(w^2 / 2) -> g = w
            LossFunction loss = (ops, p, in) -> ops.scale(ops.sum(ops.square(p.get("w")), new int[0], false), 0.5);
            try (VariableStore store = backend.createVariables(init);
                 CompiledTrainStep step = store.compileTrainStep(List.of(), loss, Set.of("w"), new OptimizerSpec.Adam(0.9, 0.999, 0.1))) {
                double[] w = {1.0, -2.0};
                double[] m = new double[2];
                double[] v = new double[2];
                for (int t = 1; t <= 3; t++) {
                    double lr = 0.1 * t;
                    step.run(List.of(), lr);
                    for (int k = 0; k < 2; k++) {
                        double g = w[k];
                        m[k] = 0.9 * m[k] + 0.1 * g;
                        v[k] = 0.999 * v[k] + 0.001 * g * g;
                        w[k] -= lr * (m[k] / (1 - Math.pow(0.9, t))) / (Math.sqrt(v[k] / (1 - Math.pow(0.999, t))) + 0.1);
                    }
                }
                assertArrayEquals(w, store.export().get("w").toDoubleArray(), dtype == DType.FLOAT64 ? 1e-12 : 1e-6, dtype.name());
            }
        }
    }

    private static double sq(double a) {
        return a * a;
    }

    @Test
    void residentTensors_stayInPyTorch_uploadsOutputsAndSelections() {
        Dense dense = new Dense("d", 3, 2);
        try (VariableStore store = backend.createVariables(ParameterSet.initialize(dense.parameters(), 7, DType.FLOAT32));
                CompiledForward f = store.compileForward(List.of(InputSpec.batched("x", DType.FLOAT32, 3)),
                        (ops, p, in) -> List.of(dense.forward(ops, p, in.get(0))));
                ResidentTensor in = store.upload(HostTensor.ofFloats(Shape.of(2, 3), 1, 2, 3, 4, 5, 6));
                ResidentTensor out = f.runResident(List.of(in)).get(0);
                ResidentTensor picked = store.selectRows(out, new int[] {1})) {
            // The host fallback of the backend base would pass the conformance suite too; these are the engine's own handles.
            for (ResidentTensor t : List.of(in, out, picked)) {
                assertEquals(DjlResident.class, t.getClass(), t.toString());
            }
        }
    }
}
