package org.lpa4j.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.lpa4j.api.backend.Capability;
import org.lpa4j.api.compile.CompiledForward;
import org.lpa4j.api.compile.CompiledGradient;
import org.lpa4j.api.compile.GradientResult;
import org.lpa4j.api.compile.InputSpec;
import org.lpa4j.api.compile.VariableStore;
import org.lpa4j.api.ops.Ops;
import org.lpa4j.api.params.ParameterSet;
import org.lpa4j.api.tensor.DType;
import org.lpa4j.api.tensor.HostTensor;
import org.lpa4j.api.tensor.Shape;
import org.lpa4j.api.tensor.ShapeMismatchException;
import org.lpa4j.api.tensor.Tensor;
import org.lpa4j.conformance.reference.BatchCase;
import org.lpa4j.conformance.reference.Fixtures;
import org.lpa4j.conformance.reference.OpCase;
import org.lpa4j.conformance.reference.OpCases;
import org.lpa4j.conformance.reference.ReferenceOps;

/**
 * Every primitive and every composite of {@link Ops}: values against {@link ReferenceOps} in FLOAT32 and FLOAT64,
 * gradients in FLOAT64 against central differences of the reference, composites both as the backend implements
 * them and as the neutral default on the backend's primitives ({@link PrimitiveOnlyOps}), programs with an unknown
 * batch dimension at several batch sizes, and shape errors.
 *
 * <p>Display names read {@code OP CASE DTYPE [(neutral default)]: values|gradient}, so a failure names the op,
 * the case and the element type.
 */
public class OpsConformance extends BackendConformance {

    /** The batch sizes every program with an unknown batch dimension is run with, after compiling it once. */
    protected static final int[] BATCH_SIZES = {1, 3, 7};

    private static final List<DType> FLOATING = List.of(DType.FLOAT32, DType.FLOAT64);

    // ---------------------------------------------------------------- the ops table

    @TestFactory
    Stream<DynamicTest> required_primitives_matchReferenceValues() {
        return valueTests(OpCases.primitives(), false);
    }

    @TestFactory
    Stream<DynamicTest> required_primitives_gradientsMatchFiniteDifferences() {
        return gradientTests(OpCases.primitives(), false);
    }

    @TestFactory
    Stream<DynamicTest> required_composites_matchReferenceValues() {
        return valueTests(OpCases.composites(), false);
    }

    @TestFactory
    Stream<DynamicTest> required_composites_gradientsMatchFiniteDifferences() {
        return gradientTests(OpCases.composites(), false);
    }

    @TestFactory
    Stream<DynamicTest> required_compositeDefaultsOnThisBackendsPrimitives_matchReferenceValues() {
        return valueTests(OpCases.composites(), true);
    }

    @TestFactory
    Stream<DynamicTest> required_compositeDefaultsOnThisBackendsPrimitives_gradientsMatchFiniteDifferences() {
        return gradientTests(OpCases.composites(), true);
    }

    private Stream<DynamicTest> valueTests(List<OpCase> cases, boolean neutral) {
        List<DynamicTest> tests = new ArrayList<>();
        for (OpCase c : cases) {
            if (!c.checkValues() || !includesOp(c.op())) {
                continue;
            }
            for (DType dtype : FLOATING) {
                tests.add(DynamicTest.dynamicTest(c.displayName(dtype, neutral, "values"), () -> checkValues(c, dtype, neutral)));
            }
        }
        return tests.stream();
    }

    private Stream<DynamicTest> gradientTests(List<OpCase> cases, boolean neutral) {
        return cases.stream().filter(c -> c.checkGradient() && includesOp(c.op()))
                .map(c -> DynamicTest.dynamicTest(c.displayName(DType.FLOAT64, neutral, "gradient"), () -> checkGradient(c, neutral)));
    }

    private void assumeNeeds(OpCase c, DType dtype) {
        if (dtype == DType.FLOAT64) {
            assumeCapability(Capability.FLOAT64);
        }
        if (c.needs() != null) {
            assumeCapability(c.needs());
        }
    }

    private void checkValues(OpCase c, DType dtype, boolean neutral) {
        assumeNeeds(c, dtype);
        List<HostTensor> inputs = c.operandsAs(dtype);
        HostTensor expected = c.reference().apply(c.referenceOperands(dtype), dtype);
        DType outType = c.outputType(dtype);
        AtomicReference<Tensor> traced = new AtomicReference<>();
        List<HostTensor> out;
        try (VariableStore store = Fixtures.emptyStore(backend())) {
            out = Fixtures.runOnce(store, Fixtures.specsOf(inputs), (ops, p, xs) -> {
                Tensor y = c.function().apply(GradientChecks.view(ops, neutral), xs, dtype);
                traced.set(y);
                return List.of(y);
            }, inputs);
        }
        String what = c.displayName(dtype, neutral, "values");
        assertEquals(expected.shape(), traced.get().shape(), () -> what + ": the traced tensor has the wrong static shape");
        assertEquals(outType, traced.get().dtype(), () -> what + ": the traced tensor has the wrong element type");
        assertEquals(1, out.size(), () -> what + ": the program must return exactly the one output");
        assertEquals(outType, out.get(0).dtype(), () -> what + ": the output has the wrong element type");
        DType tolerance = dtype == DType.FLOAT32 || outType == DType.FLOAT32 ? DType.FLOAT32 : DType.FLOAT64;
        Checks.assertValues(what, expected, out.get(0), tolerance);
    }

    private void checkGradient(OpCase c, boolean neutral) {
        assumeCapability(Capability.TRAINING);
        assumeNeeds(c, DType.FLOAT64);
        GradientChecks.opCase(backend(), c, DType.FLOAT64, neutral);
    }

    // ---------------------------------------------------------------- gradient rules stated in Ops

    @Test
    void required_stopGradient_blocksTheGradient() {
        assumeCapability(Capability.TRAINING);
        assumeCapability(Capability.FLOAT64);
        HostTensor x = Fixtures.random(Fixtures.SEED + 11, 2, 3);
        HostTensor weights = Fixtures.random(Fixtures.SEED + 12, 2, 3);
        GradientResult g = gradientOf(Map.of("x", x), (ops, p) -> ops.mul(ops.stopGradient(p.get("x")), p.get("x")), weights);
        // d/dx sum(sg(x) * x * R) = sg(x) * R: the stopped factor contributes nothing.
        Checks.assertGradient("stopGradient: d/dx sum(sg(x) * x * R)", ReferenceOps.mul(x, weights), g.gradient("x"));
    }

    @Test
    void required_relu_gradientAtExactlyZeroIsZero() {
        assumeCapability(Capability.TRAINING);
        assumeCapability(Capability.FLOAT64);
        HostTensor x = HostTensor.ofDoubles(Shape.of(4), 0, -0.0, 2, -2);
        HostTensor weights = HostTensor.ofDoubles(Shape.of(4), 1, 1, 1, 1);
        GradientResult g = gradientOf(Map.of("x", x), (ops, p) -> ops.relu(p.get("x")), weights);
        Checks.assertClose("relu: gradient at [0, -0, 2, -2]", HostTensor.ofDoubles(Shape.of(4), 0, 0, 1, 0), g.gradient("x"), 0, 0);
    }

    @Test
    void required_gather_gradientAccumulatesOverRepeatedIndices() {
        assumeCapability(Capability.TRAINING);
        assumeCapability(Capability.FLOAT64);
        assumeCapability(Capability.GATHER);
        HostTensor table = Fixtures.random(Fixtures.SEED + 13, 3, 2);
        HostTensor idx = HostTensor.ofInts(Shape.of(4), 2, 2, 0, 2);
        HostTensor weights = HostTensor.ofDoubles(Shape.of(4, 2), 1, 2, 3, 4, 5, 6, 7, 8);
        GradientResult g;
        try (VariableStore store = backend().createVariables(ParameterSet.of(Map.of("table", table)));
                CompiledGradient program = store.compileGradient(List.of(InputSpec.fixed("idx", DType.INT32, 4)),
                        (ops, p, xs) -> ops.sum(ops.mul(ops.gather(p.get("table"), xs.get(0)), ops.constant(weights)), new int[0], false),
                        Set.of("table"))) {
            g = program.run(List.of(idx));
        }
        // Row 0 is used once (weights row 2), row 1 never, row 2 three times (rows 0, 1 and 3 summed).
        HostTensor expected = HostTensor.ofDoubles(Shape.of(3, 2), 5, 6, 0, 0, 1 + 3 + 7, 2 + 4 + 8);
        Checks.assertClose("gather: gradient of the table with repeated indices", expected, g.gradient("table"), 0, 0);
    }

    /** A function of the parameters only, for the gradient rules above. */
    @FunctionalInterface
    private interface ParamFunction {
        Tensor apply(Ops ops, org.lpa4j.api.params.Parameters params);
    }

    private GradientResult gradientOf(Map<String, HostTensor> values, ParamFunction f, HostTensor weights) {
        ParameterSet params = ParameterSet.of(new LinkedHashMap<>(values));
        try (VariableStore store = backend().createVariables(params);
                CompiledGradient program = store.compileGradient(List.of(),
                        (ops, p, xs) -> ops.sum(ops.mul(f.apply(ops, p), ops.constant(weights)), new int[0], false), params.names())) {
            return program.run(List.of());
        }
    }

    // ---------------------------------------------------------------- unknown batch dimension

    @TestFactory
    Stream<DynamicTest> required_unknownBatchDimension_oneProgramRunsWithBatchSizes1_3_7() {
        return BatchCase.all().stream().filter(c -> includesOp(c.op())).map(c -> DynamicTest.dynamicTest(c.name() + " FLOAT32: batch sizes 1, 3, 7", () -> checkBatches(c)));
    }

    private void checkBatches(BatchCase c) {
        if (c.needs() != null) {
            assumeCapability(c.needs());
        }
        AtomicReference<Shape> traced = new AtomicReference<>();
        try (VariableStore store = Fixtures.emptyStore(backend());
                CompiledForward program = store.compileForward(c.specs(), (ops, p, xs) -> {
                    Tensor y = c.function().apply(ops, xs, DType.FLOAT32);
                    traced.set(y.shape());
                    return List.of(y);
                })) {
            for (int batch : BATCH_SIZES) {
                List<HostTensor> inputs = new ArrayList<>();
                int k = 0;
                for (InputSpec spec : c.specs()) {
                    int[] dims = spec.shape().dims();
                    if (dims.length > 0 && dims[0] == Shape.UNKNOWN) {
                        dims[0] = batch;
                    }
                    Shape s = Shape.of(dims);
                    long seed = Fixtures.SEED + 100 * batch + k++;
                    inputs.add(spec.dtype() == DType.INT32 ? HostTensor.ofInts(s, Fixtures.indices(seed, s, 3))
                            : HostTensor.fromDoubles(spec.dtype(), s, Fixtures.uniform(seed, s, -1, 1)));
                }
                List<HostTensor> refIn = inputs.stream().map(v -> Fixtures.roundTo(v, DType.FLOAT32)).toList();
                HostTensor expected = c.reference().apply(refIn, DType.FLOAT32);
                List<HostTensor> out = program.run(inputs);
                Checks.assertValues(c.name() + " FLOAT32 with batch size " + batch, expected, out.get(0), DType.FLOAT32);
            }
        }
        assertEquals(c.staticOutput(), traced.get(), () -> c.name() + ": wrong static output shape (? is the unknown batch dimension)");
    }

    // ---------------------------------------------------------------- shape errors

    /** A badly shaped call: the operands' specs, the call, and the words the message must contain. */
    private record ShapeErrorCase(String name, List<InputSpec> specs, OpCase.OpFunction function, List<String> mustMention) {
    }

    private static List<ShapeErrorCase> shapeErrorCases() {
        DType f = DType.FLOAT32;
        List<ShapeErrorCase> cs = new ArrayList<>();
        cs.add(new ShapeErrorCase("matmul [2, 3] x [4, 5]", List.of(InputSpec.fixed("a", f, 2, 3), InputSpec.fixed("b", f, 4, 5)),
                (o, x, t) -> o.matmul(x.get(0), x.get(1)), List.of("matmul", "[2, 3]", "[4, 5]")));
        cs.add(new ShapeErrorCase("matmul [2, 3] x [2, 3, 4] (ranks differ)",
                List.of(InputSpec.fixed("a", f, 2, 3), InputSpec.fixed("b", f, 2, 3, 4)), (o, x, t) -> o.matmul(x.get(0), x.get(1)),
                List.of("matmul", "[2, 3]", "[2, 3, 4]")));
        cs.add(new ShapeErrorCase("add [2, 3] + [4]", List.of(InputSpec.fixed("a", f, 2, 3), InputSpec.fixed("b", f, 4)),
                (o, x, t) -> o.add(x.get(0), x.get(1)), List.of("add", "[2, 3]", "[4]")));
        cs.add(new ShapeErrorCase("sub [2, 3] - [3, 2]", List.of(InputSpec.fixed("a", f, 2, 3), InputSpec.fixed("b", f, 3, 2)),
                (o, x, t) -> o.sub(x.get(0), x.get(1)), List.of("sub", "[2, 3]", "[3, 2]")));
        cs.add(new ShapeErrorCase("mul [3] * [4]", List.of(InputSpec.fixed("a", f, 3), InputSpec.fixed("b", f, 4)),
                (o, x, t) -> o.mul(x.get(0), x.get(1)), List.of("mul", "[3]", "[4]")));
        cs.add(new ShapeErrorCase("div [2, 2] / [3]", List.of(InputSpec.fixed("a", f, 2, 2), InputSpec.fixed("b", f, 3)),
                (o, x, t) -> o.div(x.get(0), x.get(1)), List.of("div", "[2, 2]", "[3]")));
        cs.add(new ShapeErrorCase("add FLOAT32 [2] + FLOAT64 [2]", List.of(InputSpec.fixed("a", f, 2), InputSpec.fixed("b", DType.FLOAT64, 2)),
                (o, x, t) -> o.add(x.get(0), x.get(1)), List.of("add", "FLOAT32", "FLOAT64")));
        cs.add(new ShapeErrorCase("concat [2, 3] and [3, 2] on axis 0", List.of(InputSpec.fixed("a", f, 2, 3), InputSpec.fixed("b", f, 3, 2)),
                (o, x, t) -> o.concat(x, 0), List.of("concat", "[2, 3]", "[3, 2]")));
        cs.add(new ShapeErrorCase("reshape [2, 3] to [4, 2]", List.of(InputSpec.fixed("a", f, 2, 3)),
                (o, x, t) -> o.reshape(x.get(0), Shape.of(4, 2)), List.of("reshape", "[2, 3]", "[4, 2]")));
        cs.add(new ShapeErrorCase("transpose [2, 3] with perm [0, 0]", List.of(InputSpec.fixed("a", f, 2, 3)),
                (o, x, t) -> o.transpose(x.get(0), 0, 0), List.of("transpose", "[2, 3]")));
        cs.add(new ShapeErrorCase("slice [2, 3] axis 1 [2, 4)", List.of(InputSpec.fixed("a", f, 2, 3)),
                (o, x, t) -> o.slice(x.get(0), 1, 2, 2), List.of("slice", "[2, 3]")));
        cs.add(new ShapeErrorCase("sum [2, 3] over axis 2", List.of(InputSpec.fixed("a", f, 2, 3)),
                (o, x, t) -> o.sum(x.get(0), new int[] {2}, false), List.of("sum", "[2, 3]")));
        return cs;
    }

    @TestFactory
    Stream<DynamicTest> required_shapeErrors_throwShapeMismatchExceptionNamingOpAndShapes() {
        return shapeErrorCases().stream().map(c -> DynamicTest.dynamicTest(c.name() + ": ShapeMismatchException", () -> {
            List<HostTensor> inputs = c.specs().stream().map(s -> HostTensor.zeros(s.dtype(), s.shape())).toList();
            ShapeMismatchException e;
            try (VariableStore store = Fixtures.emptyStore(backend())) {
                // Tracing backends fail when compiling, eager ones when running: either is fine.
                e = assertThrows(ShapeMismatchException.class, () -> Fixtures.runOnce(store, c.specs(),
                        (ops, p, xs) -> List.of(c.function().apply(ops, xs, DType.FLOAT32)), inputs), c.name());
            }
            for (String word : c.mustMention()) {
                assertTrue(e.getMessage().contains(word), () -> c.name() + ": the message must mention '" + word + "' but is: " + e.getMessage());
            }
        }));
    }

    @Test
    void required_shapeErrors_convAndPoolingNameOpAndShapes() {
        Set<String> checked = new LinkedHashSet<>();
        DType f = DType.FLOAT32;
        if (backend().supports(Capability.CONV2D)) {
            expectShapeError("conv2d", List.of(InputSpec.fixed("x", f, 1, 2, 4, 4), InputSpec.fixed("k", f, 1, 3, 3, 3)),
                    (o, x, t) -> o.conv2d(x.get(0), x.get(1), 1, 1, 0, 0), "[1, 2, 4, 4]", "[1, 3, 3, 3]");
            checked.add("conv2d");
        }
        if (backend().supports(Capability.POOLING)) {
            expectShapeError("maxPool2d", List.of(InputSpec.fixed("x", f, 1, 1, 2, 2)), (o, x, t) -> o.maxPool2d(x.get(0), 3, 3, 1, 1),
                    "[1, 1, 2, 2]");
            checked.add("maxPool2d");
        }
        org.junit.jupiter.api.Assumptions.assumeFalse(checked.isEmpty(), "skipped: the backend declares neither CONV2D nor POOLING");
    }

    private void expectShapeError(String op, List<InputSpec> specs, OpCase.OpFunction f, String... shapes) {
        List<HostTensor> inputs = specs.stream().map(s -> HostTensor.zeros(s.dtype(), s.shape())).toList();
        try (VariableStore store = Fixtures.emptyStore(backend())) {
            ShapeMismatchException e = assertThrows(ShapeMismatchException.class,
                    () -> Fixtures.runOnce(store, specs, (ops, p, xs) -> List.of(f.apply(ops, xs, DType.FLOAT32)), inputs), op);
            assertTrue(e.getMessage().contains(op), () -> op + ": the message must name the op: " + e.getMessage());
            for (String s : shapes) {
                assertTrue(e.getMessage().contains(s), () -> op + ": the message must mention " + s + ": " + e.getMessage());
            }
        }
    }
}
