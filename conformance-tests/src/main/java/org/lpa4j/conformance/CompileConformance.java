package org.lpa4j.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.function.Executable;
import org.lpa4j.api.Lpa4jException;
import org.lpa4j.api.backend.Capability;
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
import org.lpa4j.api.tensor.DType;
import org.lpa4j.api.tensor.HostTensor;
import org.lpa4j.api.tensor.Shape;
import org.lpa4j.api.tensor.Tensor;
import org.lpa4j.conformance.reference.Fixtures;
import org.lpa4j.conformance.reference.ReferenceOps;

/**
 * Compilation and program life cycle: input validation with the {@link InputSpec} messages, trace misuse detected
 * as {@link TraceException}, unknown parameter names, export and load, closed programs, and one program reused
 * with several batch sizes.
 */
public class CompileConformance extends BackendConformance {

    private static final Dense DENSE = new Dense("dense", 3, 2);

    private static ParameterSet params(DType dtype) {
        return ParameterSet.initialize(DENSE.parameters(), Fixtures.SEED, dtype);
    }

    private static final List<InputSpec> SPECS = List.of(InputSpec.batched("x", DType.FLOAT32, 3), InputSpec.batched("y", DType.FLOAT32, 2));

    private static final LossFunction MSE = (ops, p, xs) -> ops.mseLoss(DENSE.forward(ops, p, xs.get(0)), xs.get(1));

    private static HostTensor batch(long seed, int n, int... dims) {
        int[] all = new int[dims.length + 1];
        all[0] = n;
        System.arraycopy(dims, 0, all, 1, dims.length);
        return Fixtures.random(seed, all).cast(DType.FLOAT32);
    }

    // ---------------------------------------------------------------- input validation

    /** A bad argument list and what it shows. */
    private record BadInputs(String name, List<HostTensor> values) {
    }

    private static List<BadInputs> badInputs() {
        return List.of(
                new BadInputs("one input where two are expected", List.of(batch(1, 2, 3))),
                new BadInputs("three inputs where two are expected", List.of(batch(1, 2, 3), batch(2, 2, 2), batch(3, 2, 2))),
                new BadInputs("FLOAT64 where FLOAT32 is expected", List.of(batch(1, 2, 3).cast(DType.FLOAT64), batch(2, 2, 2))),
                new BadInputs("INT32 where FLOAT32 is expected", List.of(HostTensor.ofInts(Shape.of(1, 3), 1, 2, 3), batch(2, 1, 2))),
                new BadInputs("shape [2, 4] where [?, 3] is expected", List.of(batch(1, 2, 4), batch(2, 2, 2))),
                new BadInputs("rank 3 where [?, 3] is expected", List.of(batch(1, 2, 1, 3), batch(2, 2, 2))),
                new BadInputs("batch sizes 2 and 3", List.of(batch(1, 2, 3), batch(2, 3, 2))));
    }

    private static String expectedMessage(List<HostTensor> values) {
        try {
            InputSpec.checkAll(SPECS, values);
        } catch (Lpa4jException e) {
            return e.getMessage();
        }
        throw new IllegalStateException("the case is not invalid");
    }

    @TestFactory
    Stream<DynamicTest> required_invalidInputs_failWithTheInputSpecMessage() {
        List<DynamicTest> tests = new ArrayList<>();
        for (BadInputs bad : badInputs()) {
            String expected = expectedMessage(bad.values());
            tests.add(DynamicTest.dynamicTest("forward program: " + bad.name(), () -> {
                try (VariableStore store = backend().createVariables(params(DType.FLOAT32));
                        CompiledForward f = store.compileForward(SPECS, (ops, p, xs) -> List.of(DENSE.forward(ops, p, xs.get(0))))) {
                    expectMessage(expected, () -> f.run(bad.values()));
                }
            }));
            tests.add(DynamicTest.dynamicTest("gradient program: " + bad.name(), () -> {
                assumeCapability(Capability.TRAINING);
                try (VariableStore store = backend().createVariables(params(DType.FLOAT32));
                        CompiledGradient g = store.compileGradient(SPECS, MSE, store.names())) {
                    expectMessage(expected, () -> g.run(bad.values()));
                }
            }));
            tests.add(DynamicTest.dynamicTest("train step: " + bad.name() + ", parameters unchanged", () -> {
                assumeCapability(Capability.TRAINING);
                ParameterSet init = params(DType.FLOAT32);
                try (VariableStore store = backend().createVariables(init);
                        CompiledTrainStep t = store.compileTrainStep(SPECS, MSE, store.names(), OptimizerSpec.sgd())) {
                    expectMessage(expected, () -> t.run(bad.values(), 0.1));
                    assertEquals(init, store.export(), "a rejected step must not change any parameter");
                    assertEquals(0, t.stepCount(), "a rejected step must not count");
                }
            }));
        }
        return tests.stream();
    }

    private static void expectMessage(String expected, Executable call) {
        Lpa4jException e = assertThrows(Lpa4jException.class, call);
        assertEquals(expected, e.getMessage(), "the message must be InputSpec.checkAll's");
    }

    // ---------------------------------------------------------------- trace misuse

    @Test
    void required_tensorFromAnotherFunctionsTrace_isRejectedWithTraceException() {
        AtomicReference<Tensor> leaked = new AtomicReference<>();
        HostTensor x = batch(5, 2, 3);
        try (VariableStore store = backend().createVariables(params(DType.FLOAT32))) {
            try (CompiledForward first = store.compileForward(List.of(SPECS.get(0)), (ops, p, xs) -> {
                Tensor y = DENSE.forward(ops, p, xs.get(0));
                leaked.set(y);
                return List.of(y);
            })) {
                first.run(List.of(x));
            }
            assertThrows(TraceException.class, () -> Fixtures.runOnce(store, List.of(SPECS.get(0)),
                    (ops, p, xs) -> List.of(ops.add(DENSE.forward(ops, p, xs.get(0)), leaked.get())), List.of(x)),
                    "a tensor captured from another function's trace must be rejected with TraceException");
        }
    }

    @Test
    void required_opsKeptAfterItsCall_isRejectedWithTraceException() {
        AtomicReference<Ops> kept = new AtomicReference<>();
        AtomicReference<Tensor> keptTensor = new AtomicReference<>();
        try (VariableStore store = backend().createVariables(params(DType.FLOAT32));
                CompiledForward f = store.compileForward(List.of(SPECS.get(0)), (ops, p, xs) -> {
                    kept.set(ops);
                    keptTensor.set(xs.get(0));
                    return List.of(DENSE.forward(ops, p, xs.get(0)));
                })) {
            f.run(List.of(batch(6, 2, 3)));
            assertThrows(TraceException.class, () -> kept.get().add(keptTensor.get(), keptTensor.get()),
                    "an Ops used after its function returned must throw TraceException");
        }
    }

    @TestFactory
    Stream<DynamicTest> required_nonScalarLoss_isRejectedWithTraceException() {
        LossFunction notScalar = (ops, p, xs) -> DENSE.forward(ops, p, xs.get(0));
        List<InputSpec> specs = List.of(SPECS.get(0));
        List<HostTensor> in = List.of(batch(7, 2, 3));
        return Stream.of(
                DynamicTest.dynamicTest("gradient program with a [?, 2] loss", () -> {
                    assumeCapability(Capability.TRAINING);
                    try (VariableStore store = backend().createVariables(params(DType.FLOAT32))) {
                        assertThrows(TraceException.class, () -> {
                            try (CompiledGradient g = store.compileGradient(specs, notScalar, store.names())) {
                                g.run(in);
                            }
                        });
                    }
                }),
                DynamicTest.dynamicTest("train step with a [?, 2] loss", () -> {
                    assumeCapability(Capability.TRAINING);
                    try (VariableStore store = backend().createVariables(params(DType.FLOAT32))) {
                        assertThrows(TraceException.class, () -> {
                            try (CompiledTrainStep t = store.compileTrainStep(specs, notScalar, store.names(), OptimizerSpec.sgd())) {
                                t.run(in, 0.1);
                            }
                        });
                    }
                }));
    }

    // ---------------------------------------------------------------- unknown parameter names

    @Test
    void required_unknownParameterInsideTheFunction_isNamed() {
        try (VariableStore store = backend().createVariables(params(DType.FLOAT32))) {
            Lpa4jException e = assertThrows(Lpa4jException.class, () -> Fixtures.runOnce(store, List.of(SPECS.get(0)),
                    (ops, p, xs) -> List.of(ops.matmul(xs.get(0), p.get("dense.wieght"))), List.of(batch(8, 2, 3))));
            assertTrue(e.getMessage().contains("dense.wieght") && e.getMessage().contains("dense.weight"),
                    () -> "Parameters.get must name the unknown parameter and list the known ones: " + e.getMessage());
        }
    }

    @TestFactory
    Stream<DynamicTest> required_unknownParameterNames_inWrtAndTrainable_areNamed() {
        return Stream.of(
                DynamicTest.dynamicTest("compileGradient wrt {dense.weight, nope}", () -> {
                    assumeCapability(Capability.TRAINING);
                    try (VariableStore store = backend().createVariables(params(DType.FLOAT32))) {
                        Lpa4jException e = assertThrows(Lpa4jException.class, () -> {
                            try (CompiledGradient g = store.compileGradient(SPECS, MSE, Set.of("dense.weight", "nope"))) {
                                g.run(List.of(batch(1, 2, 3), batch(2, 2, 2)));
                            }
                        });
                        assertTrue(e.getMessage().contains("nope"), () -> "the message must name 'nope': " + e.getMessage());
                    }
                }),
                DynamicTest.dynamicTest("compileTrainStep trainable {nope}", () -> {
                    assumeCapability(Capability.TRAINING);
                    try (VariableStore store = backend().createVariables(params(DType.FLOAT32))) {
                        Lpa4jException e = assertThrows(Lpa4jException.class, () -> {
                            try (CompiledTrainStep t = store.compileTrainStep(SPECS, MSE, Set.of("nope"), OptimizerSpec.sgd())) {
                                t.run(List.of(batch(1, 2, 3), batch(2, 2, 2)), 0.1);
                            }
                        });
                        assertTrue(e.getMessage().contains("nope"), () -> "the message must name 'nope': " + e.getMessage());
                    }
                }));
    }

    // ---------------------------------------------------------------- export and load

    @TestFactory
    Stream<DynamicTest> required_exportAndLoad_roundTripExactly() {
        return Stream.of(DType.FLOAT32, DType.FLOAT64).map(dtype -> DynamicTest.dynamicTest(dtype + ": export, load, export", () -> {
            if (dtype == DType.FLOAT64) {
                assumeCapability(Capability.FLOAT64);
            }
            ParameterSet init = params(dtype);
            ParameterSet other = ParameterSet.initialize(DENSE.parameters(), Fixtures.SEED + 1, dtype);
            HostTensor x = Fixtures.random(Fixtures.SEED + 51, 2, 3).cast(dtype);
            try (VariableStore store = backend().createVariables(init);
                    CompiledForward f = store.compileForward(List.of(InputSpec.batched("x", dtype, 3)),
                            (ops, p, xs) -> List.of(DENSE.forward(ops, p, xs.get(0))))) {
                assertExactly(init, store.export(), "export right after createVariables");
                f.run(List.of(x));
                store.load(other);
                assertExactly(other, store.export(), "export after load");
                HostTensor expected = ReferenceOps.dense(Fixtures.roundTo(x, dtype), other.get("dense.weight").cast(DType.FLOAT64),
                        other.get("dense.bias").cast(DType.FLOAT64));
                Checks.assertValues("a program compiled before load sees the loaded values", expected, f.run(List.of(x)).get(0), dtype);
            }
        }));
    }

    private static void assertExactly(ParameterSet expected, ParameterSet actual, String what) {
        assertEquals(expected.names(), actual.names(), () -> what + ": names");
        for (String name : expected.names()) {
            Checks.assertIdentical(what + ": " + name, expected.get(name), actual.get(name));
        }
    }

    @TestFactory
    Stream<DynamicTest> required_loadWithWrongLayout_failsAndChangesNothing() {
        ParameterSet init = params(DType.FLOAT32);
        Map<String, HostTensor> wrongShape = new LinkedHashMap<>(init.asMap());
        wrongShape.put("dense.weight", Fixtures.random(1, 2, 3).cast(DType.FLOAT32));
        Map<String, HostTensor> missing = new LinkedHashMap<>(init.asMap());
        missing.remove("dense.bias");
        Map<String, HostTensor> extra = new LinkedHashMap<>(init.asMap());
        extra.put("dense.extra", Fixtures.random(2, 2).cast(DType.FLOAT32));
        Map<String, HostTensor> wrongType = new LinkedHashMap<>(init.asMap());
        wrongType.put("dense.bias", init.get("dense.bias").cast(DType.FLOAT64));
        Map<String, Map<String, HostTensor>> cases = new LinkedHashMap<>();
        // The changed bias comes first, so a store that writes parameter by parameter would be caught half-written.
        Map<String, HostTensor> wrongShapeLast = new LinkedHashMap<>();
        wrongShapeLast.put("dense.bias", Fixtures.random(3, 2).cast(DType.FLOAT32));
        wrongShapeLast.put("dense.weight", Fixtures.random(4, 3, 3).cast(DType.FLOAT32));
        cases.put("weight [2, 3] where [3, 2] is stored", wrongShape);
        cases.put("a valid bias first and a weight [3, 3] after it", wrongShapeLast);
        cases.put("bias missing", missing);
        cases.put("an extra parameter", extra);
        cases.put("bias FLOAT64 where FLOAT32 is stored", wrongType);
        return cases.entrySet().stream().map(c -> DynamicTest.dynamicTest("load with " + c.getKey(), () -> {
            try (VariableStore store = backend().createVariables(init)) {
                assertThrows(Lpa4jException.class, () -> store.load(ParameterSet.of(c.getValue())));
                assertExactly(init, store.export(), "after a rejected load");
            }
        }));
    }

    // ---------------------------------------------------------------- life cycle

    @TestFactory
    Stream<DynamicTest> required_closedProgram_failsWithIllegalStateException() {
        List<HostTensor> in = List.of(batch(1, 2, 3), batch(2, 2, 2));
        return Stream.of(
                DynamicTest.dynamicTest("forward program run after close", () -> {
                    try (VariableStore store = backend().createVariables(params(DType.FLOAT32))) {
                        CompiledForward f = store.compileForward(SPECS, (ops, p, xs) -> List.of(DENSE.forward(ops, p, xs.get(0))));
                        f.run(in);
                        f.close();
                        assertThrows(IllegalStateException.class, () -> f.run(in));
                    }
                }),
                DynamicTest.dynamicTest("gradient program run after close", () -> {
                    assumeCapability(Capability.TRAINING);
                    try (VariableStore store = backend().createVariables(params(DType.FLOAT32))) {
                        CompiledGradient g = store.compileGradient(SPECS, MSE, store.names());
                        g.run(in);
                        g.close();
                        assertThrows(IllegalStateException.class, () -> g.run(in));
                    }
                }),
                DynamicTest.dynamicTest("train step run after close", () -> {
                    assumeCapability(Capability.TRAINING);
                    try (VariableStore store = backend().createVariables(params(DType.FLOAT32))) {
                        CompiledTrainStep t = store.compileTrainStep(SPECS, MSE, store.names(), OptimizerSpec.sgd());
                        t.run(in, 0.1);
                        t.close();
                        assertThrows(IllegalStateException.class, () -> t.run(in, 0.1));
                    }
                }),
                DynamicTest.dynamicTest("program run after its store was closed", () -> {
                    VariableStore store = backend().createVariables(params(DType.FLOAT32));
                    CompiledForward f = store.compileForward(SPECS, (ops, p, xs) -> List.of(DENSE.forward(ops, p, xs.get(0))));
                    f.run(in);
                    store.close();
                    assertThrows(IllegalStateException.class, () -> f.run(in));
                    assertThrows(IllegalStateException.class, store::export);
                }));
    }

    @Test
    void required_storeWithoutParameters_compilesAndRuns() {
        HostTensor x = batch(9, 2, 3);
        try (VariableStore store = Fixtures.emptyStore(backend())) {
            assertEquals(Set.of(), store.names());
            List<HostTensor> out = Fixtures.runOnce(store, List.of(SPECS.get(0)), (ops, p, xs) -> List.of(ops.scale(xs.get(0), 2.0)), List.of(x));
            Checks.assertValues("2 x with no parameters", ReferenceOps.scale(x.cast(DType.FLOAT64), 2.0), out.get(0), DType.FLOAT32);
        }
    }

    @Test
    void required_oneProgram_runsWithSeveralBatchSizes() {
        assumeCapability(Capability.TRAINING);
        ParameterSet init = params(DType.FLOAT32);
        ParameterSet p64 = init.cast(DType.FLOAT64);
        try (VariableStore store = backend().createVariables(init);
                CompiledForward f = store.compileForward(List.of(SPECS.get(0)), (ops, p, xs) -> List.of(DENSE.forward(ops, p, xs.get(0))));
                CompiledGradient g = store.compileGradient(SPECS, MSE, store.names())) {
            for (int n : new int[] {1, 3, 7, 3}) {
                HostTensor x = batch(100 + n, n, 3);
                HostTensor y = batch(200 + n, n, 2);
                HostTensor expected = ReferenceOps.dense(x.cast(DType.FLOAT64), p64.get("dense.weight"), p64.get("dense.bias"));
                Checks.assertValues("forward with batch size " + n, expected, f.run(List.of(x)).get(0), DType.FLOAT32);
                GradientResult r = g.run(List.of(x, y));
                double mse = ReferenceOps.mseLoss(expected, y.cast(DType.FLOAT64)).scalarValue();
                Checks.assertValues("loss with batch size " + n, HostTensor.scalar(DType.FLOAT64, mse),
                        HostTensor.scalar(DType.FLOAT64, r.loss()), DType.FLOAT32);
                assertEquals(Shape.of(3, 2), r.gradient("dense.weight").shape(), "gradient shape with batch size " + n);
            }
        }
        try (VariableStore store = backend().createVariables(init);
                CompiledTrainStep t = store.compileTrainStep(SPECS, MSE, store.names(), OptimizerSpec.sgd())) {
            for (int n : new int[] {1, 4, 2}) {
                t.run(List.of(batch(300 + n, n, 3), batch(400 + n, n, 2)), 0.01);
            }
            assertEquals(3, t.stepCount(), "three steps with batch sizes 1, 4 and 2");
        }
    }
}
