package org.lpa4j.backend.tensorflow;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.lpa4j.api.backend.Backend;
import org.lpa4j.api.compile.CompiledForward;
import org.lpa4j.api.compile.CompiledGradient;
import org.lpa4j.api.compile.CompiledTrainStep;
import org.lpa4j.api.compile.GradientResult;
import org.lpa4j.api.compile.InputSpec;
import org.lpa4j.api.compile.LossFunction;
import org.lpa4j.api.compile.OptimizerSpec;
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
import org.lpa4j.conformance.Checks;
import org.lpa4j.conformance.reference.Fixtures;
import org.lpa4j.conformance.reference.ReferenceOps;

/** Hand-computed values and gradients, a small MLP trained with Adam, frozen parameters, FLOAT64 and the trace rules. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TensorFlowBackendTest {
    private Backend backend;

    @BeforeAll
    void open() {
        backend = new TensorFlowBackendProvider().create();
    }

    @AfterAll
    void close() {
        backend.close();
    }

    private static ParameterSet params(DType dtype, Object... nameShapeValues) {
        Map<String, HostTensor> m = new LinkedHashMap<>();
        for (int i = 0; i < nameShapeValues.length; i += 3) {
            m.put((String) nameShapeValues[i], HostTensor.fromDoubles(dtype, (Shape) nameShapeValues[i + 1], (double[]) nameShapeValues[i + 2]));
        }
        return ParameterSet.of(m);
    }

    /**
     * Convolutions hand their NHWC results on as twins (TensorFlowLayout): element-wise ops with a small or a twin
     * operand, casts and reductions over every kind of axis set read the twin, and a patchify convolution is a matrix
     * product (of the input; of a twin it stays a Conv2D); each output must equal the host reference.
     */
    @Test
    void opsOnConvolutionResultsMatchTheReference() {
        DType f = DType.FLOAT32;
        HostTensor x = Fixtures.random(Fixtures.SEED + 90, 2, 3, 4, 6);
        ParameterSet init = ParameterSet.of(Map.of("k1", Fixtures.random(Fixtures.SEED + 91, 2, 3, 3, 3), "b", Fixtures.random(Fixtures.SEED + 92, 2),
                "k2", Fixtures.random(Fixtures.SEED + 93, 2, 2, 3, 3), "k3", Fixtures.random(Fixtures.SEED + 94, 2, 3, 2, 3),
                "k4", Fixtures.random(Fixtures.SEED + 95, 3, 2, 2, 2)));
        try (VariableStore store = backend.createVariables(init.cast(f))) {
            List<HostTensor> out = Fixtures.runOnce(store, List.of(InputSpec.batched("x", f, 3, 4, 6)), (ops, p, in) -> {
                Tensor z = ops.relu(ops.add(ops.conv2d(in.get(0), p.get("k1"), 1, 1, 1, 1), ops.reshape(p.get("b"), Shape.of(1, 2, 1, 1))));
                Tensor s = ops.sub(ops.conv2d(z, p.get("k2"), 1, 1, 1, 1), z);
                return List.of(s, ops.mean(s, new int[] {2, 3}, false), ops.sum(s, new int[] {0}, false), ops.max(s, new int[] {1}, true),
                        ops.mean(s, new int[] {1}, false), ops.cast(s, DType.FLOAT64), ops.conv2d(in.get(0), p.get("k3"), 2, 3, 0, 0),
                        ops.conv2d(z, p.get("k4"), 2, 2, 0, 0));
            }, List.of(x.cast(f)));
            HostTensor z = ReferenceOps.relu(ReferenceOps.add(ReferenceOps.conv2d(x, init.get("k1"), 1, 1, 1, 1), init.get("b").reshape(Shape.of(1, 2, 1, 1))));
            HostTensor s = ReferenceOps.sub(ReferenceOps.conv2d(z, init.get("k2"), 1, 1, 1, 1), z);
            List<HostTensor> expected = List.of(s, ReferenceOps.mean(s, new int[] {2, 3}, false), ReferenceOps.sum(s, new int[] {0}, false),
                    ReferenceOps.max(s, new int[] {1}, true), ReferenceOps.mean(s, new int[] {1}, false), s, ReferenceOps.conv2d(x, init.get("k3"), 2, 3, 0, 0),
                    ReferenceOps.conv2d(z, init.get("k4"), 2, 2, 0, 0));
            for (int i = 0; i < expected.size(); i++) {
                Checks.assertValues("output " + i, expected.get(i), out.get(i), f);
            }
            assertEquals(DType.FLOAT64, out.get(5).dtype(), "the cast's type");
        }
    }

    @Test
    void valuesAndGradientsMatchHandComputedNumbers() {
        // loss = sum(relu(x w) * c) with x [1, 2], w [2, 2]; relu kills the second column.
        ParameterSet init = params(DType.FLOAT32, "w", Shape.of(2, 2), new double[] {1, -1, 2, -3});
        try (VariableStore store = backend.createVariables(init)) {
            List<InputSpec> specs = List.of(InputSpec.batched("x", DType.FLOAT32, 2));
            HostTensor x = HostTensor.ofFloats(Shape.of(1, 2), 3, 4);
            try (CompiledForward f = store.compileForward(specs, (ops, p, in) -> List.of(ops.relu(ops.matmul(in.get(0), p.get("w")))))) {
                HostTensor y = f.run(List.of(x)).get(0);
                assertEquals(Shape.of(1, 2), y.shape());
                assertArrayEquals(new float[] {11, 0}, y.toFloatArray());
            }
            LossFunction loss = (ops, p, in) -> ops.sum(ops.mul(ops.relu(ops.matmul(in.get(0), p.get("w"))),
                    ops.constant(HostTensor.ofFloats(Shape.of(2), 2, 5))), new int[0], false);
            try (CompiledGradient g = store.compileGradient(specs, loss, Set.of("w"))) {
                GradientResult r = g.run(List.of(x));
                assertEquals(22, r.loss(), 1e-6);
                // d/dw[i][0] = 2 x[i], d/dw[i][1] = 0 (relu inactive).
                assertArrayEquals(new float[] {6, 0, 8, 0}, r.gradient("w").toFloatArray());
            }
        }
    }

    @Test
    void reductionsTransposeAndSoftmaxWithUnknownBatch() {
        try (VariableStore store = backend.createVariables(params(DType.FLOAT64, "b", Shape.of(3), new double[] {0, 0, 0}))) {
            List<InputSpec> specs = List.of(InputSpec.batched("x", DType.FLOAT64, 3));
            try (CompiledForward f = store.compileForward(specs, (ops, p, in) -> {
                Tensor x = ops.add(in.get(0), p.get("b"));
                return List.of(ops.mean(x, new int[] {0}, false), ops.max(x, new int[] {-1}, true), ops.transpose(x, 1, 0),
                        ops.softmax(x, -1), ops.sum(x, new int[0], false));
            })) {
                List<HostTensor> out = f.run(List.of(HostTensor.ofDoubles(Shape.of(2, 3), 1, 2, 3, 4, 5, 6)));
                assertArrayEquals(new double[] {2.5, 3.5, 4.5}, out.get(0).toDoubleArray(), 1e-12);
                assertEquals(Shape.of(2, 1), out.get(1).shape());
                assertArrayEquals(new double[] {3, 6}, out.get(1).toDoubleArray(), 1e-12);
                assertArrayEquals(new double[] {1, 4, 2, 5, 3, 6}, out.get(2).toDoubleArray(), 1e-12);
                double z = Math.exp(1) + Math.exp(2) + Math.exp(3);
                assertEquals(Math.exp(3) / z, out.get(3).get(0, 2), 1e-12);
                assertEquals(21, out.get(4).scalarValue(), 1e-12);
            }
        }
    }

    private static final int IN = 4;
    private static final int HIDDEN = 16;

    private static List<ParameterSpec> mlpSpecs(Dense a, Dense b) {
        List<ParameterSpec> specs = new ArrayList<>(a.parameters());
        specs.addAll(b.parameters());
        return specs;
    }

    private static List<HostTensor> regressionBatch(DType dtype, int n) {
        SplittableRandom r = new SplittableRandom(7);
        double[] x = new double[n * IN];
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            double s = 0;
            for (int j = 0; j < IN; j++) {
                x[i * IN + j] = r.nextDouble(-1, 1);
                s += Math.sin(2 * x[i * IN + j]);
            }
            y[i] = s / 2;
        }
        return List.of(HostTensor.fromDoubles(dtype, Shape.of(n, IN), x), HostTensor.fromDoubles(dtype, Shape.of(n, 1), y));
    }

    private double[] trainMlp(DType dtype, Set<String> trainable, ParameterSet[] before, ParameterSet[] after) {
        Dense a = new Dense("fc1", IN, HIDDEN);
        Dense b = new Dense("fc2", HIDDEN, 1);
        ParameterSet init = ParameterSet.initialize(mlpSpecs(a, b), 3, dtype);
        LossFunction loss = (ops, p, in) -> ops.mseLoss(b.forward(ops, p, ops.tanh(a.forward(ops, p, in.get(0)))), in.get(1));
        List<InputSpec> specs = List.of(InputSpec.batched("x", dtype, IN), InputSpec.batched("y", dtype, 1));
        List<HostTensor> batch = regressionBatch(dtype, 64);
        try (VariableStore store = backend.createVariables(init);
             CompiledTrainStep step = store.compileTrainStep(specs, loss, trainable, OptimizerSpec.adam())) {
            before[0] = store.export();
            double first = step.run(batch, 0.01);
            double last = first;
            for (int i = 1; i < 200; i++) {
                last = step.run(batch, 0.01);
            }
            assertEquals(200, step.stepCount());
            after[0] = store.export();
            return new double[] {first, last};
        }
    }

    @Test
    void mlpTrainedWithAdamLosesLossInFloat32AndFloat64() {
        for (DType dtype : new DType[] {DType.FLOAT32, DType.FLOAT64}) {
            ParameterSet[] before = new ParameterSet[1];
            ParameterSet[] after = new ParameterSet[1];
            double[] losses = trainMlp(dtype, Set.of("fc1.weight", "fc1.bias", "fc2.weight", "fc2.bias"), before, after);
            assertTrue(losses[1] < 0.2 * losses[0], dtype + ": loss went from " + losses[0] + " to " + losses[1]);
            assertEquals(dtype, after[0].get("fc1.weight").dtype());
        }
    }

    @Test
    void frozenParametersStayUnchanged() {
        ParameterSet[] before = new ParameterSet[1];
        ParameterSet[] after = new ParameterSet[1];
        double[] losses = trainMlp(DType.FLOAT64, Set.of("fc2.weight", "fc2.bias"), before, after);
        assertTrue(losses[1] < losses[0]);
        assertEquals(before[0].get("fc1.weight"), after[0].get("fc1.weight"));
        assertEquals(before[0].get("fc1.bias"), after[0].get("fc1.bias"));
        assertTrue(!before[0].get("fc2.weight").equals(after[0].get("fc2.weight")));
    }

    @Test
    void adamStepFollowsTheSpecFormula() {
        // One parameter p = 1, loss = p^2 * 3 (g = 6p); two Adam steps computed by hand.
        ParameterSet init = params(DType.FLOAT64, "p", Shape.of(1), new double[] {1});
        double b1 = 0.9, b2 = 0.999, eps = 0.1, lr = 0.5;
        try (VariableStore store = backend.createVariables(init);
             CompiledTrainStep step = store.compileTrainStep(List.of(), (ops, p, in) -> ops.scale(ops.sum(ops.square(p.get("p")), new int[0], false), 3),
                     Set.of("p"), new OptimizerSpec.Adam(b1, b2, eps))) {
            double p = 1, m = 0, v = 0;
            for (int t = 1; t <= 2; t++) {
                double loss = step.run(List.of(), lr);
                assertEquals(3 * p * p, loss, 1e-12);
                double g = 6 * p;
                m = b1 * m + (1 - b1) * g;
                v = b2 * v + (1 - b2) * g * g;
                p -= lr * (m / (1 - Math.pow(b1, t))) / (Math.sqrt(v / (1 - Math.pow(b2, t))) + eps);
                assertEquals(p, store.export().get("p").getDouble(0), 1e-12);
            }
        }
    }

    @Test
    void traceRulesAreEnforced() {
        try (VariableStore store = backend.createVariables(params(DType.FLOAT32, "w", Shape.of(1), new double[] {1}))) {
            Ops[] kept = new Ops[1];
            Tensor[] keptTensor = new Tensor[1];
            List<InputSpec> specs = List.of(InputSpec.batched("x", DType.FLOAT32, 1));
            store.compileForward(specs, (ops, p, in) -> {
                kept[0] = ops;
                keptTensor[0] = in.get(0);
                return List.of(ops.mul(in.get(0), p.get("w")));
            }).close();
            assertThrows(TraceException.class, () -> kept[0].relu(keptTensor[0]));
            assertThrows(TraceException.class,
                    () -> store.compileForward(specs, (ops, p, in) -> List.of(ops.add(in.get(0), keptTensor[0]))));
            assertThrows(RuntimeException.class, () -> store.compileForward(specs, (ops, p, in) -> List.of(p.get("nope"))));
            assertThrows(TraceException.class,
                    () -> store.compileGradient(specs, (ops, p, in) -> ops.mul(in.get(0), p.get("w")), Set.of("w")));
        }
    }
}
