package org.lpa4j.conformance;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.lpa4j.api.backend.Backend;
import org.lpa4j.api.compile.CompiledGradient;
import org.lpa4j.api.compile.GradientResult;
import org.lpa4j.api.compile.InputSpec;
import org.lpa4j.api.compile.VariableStore;
import org.lpa4j.api.ops.Ops;
import org.lpa4j.api.params.ParameterSet;
import org.lpa4j.api.tensor.DType;
import org.lpa4j.api.tensor.HostTensor;
import org.lpa4j.api.tensor.Shape;
import org.lpa4j.api.tensor.Tensor;
import org.lpa4j.conformance.reference.BatchCase;
import org.lpa4j.conformance.reference.FiniteDifferences;
import org.lpa4j.conformance.reference.Fixtures;
import org.lpa4j.conformance.reference.OpCase;
import org.lpa4j.conformance.reference.ReferenceOps;

/**
 * The one way the suite checks a backend's gradients: the floating operands become parameters, the backend
 * differentiates {@code sum(op(operands) * R)} for a fixed random {@code R}, and every gradient is compared with central
 * finite differences of the plain-Java reference in FLOAT64, on the operands rounded to the dtype under test.
 */
final class GradientChecks {
    private GradientChecks() {
    }

    /** The op as the backend implements it, or as the neutral default on the backend's primitives. */
    static Ops view(Ops ops, boolean neutral) {
        return neutral ? new PrimitiveOnlyOps(ops) : ops;
    }

    /** Checks the gradient of one row of the ops table in {@code dtype}. */
    static void opCase(Backend backend, OpCase c, DType dtype, boolean neutral) {
        List<HostTensor> operands = c.operandsAs(dtype);
        List<HostTensor> referenceOperands = c.referenceOperands(dtype);
        Map<String, HostTensor> params = new LinkedHashMap<>();
        List<HostTensor> inputs = new ArrayList<>();
        List<String> role = new ArrayList<>();
        for (int i = 0; i < operands.size(); i++) {
            if (operands.get(i).dtype().isFloating()) {
                params.put("p" + i, operands.get(i));
                role.add("p" + i);
            } else {
                role.add("i" + inputs.size());
                inputs.add(operands.get(i));
            }
        }
        HostTensor expectedOut = c.reference().apply(referenceOperands, DType.FLOAT64);
        HostTensor weights = Fixtures.roundTo(Fixtures.random(Fixtures.SEED + 7, expectedOut.shape().dims()), dtype);
        String what = c.displayName(dtype, neutral, "gradient");
        GradientResult result;
        try (VariableStore store = backend.createVariables(ParameterSet.of(params));
                CompiledGradient program = store.compileGradient(Fixtures.specsOf(inputs), (ops, p, xs) -> {
                    List<Tensor> args = new ArrayList<>();
                    for (String r : role) {
                        args.add(r.startsWith("p") ? p.get(r) : xs.get(Integer.parseInt(r.substring(1))));
                    }
                    Tensor y = c.function().apply(view(ops, neutral), args, dtype);
                    return ops.sum(ops.mul(y, ops.constant(weights.cast(dtype))), new int[0], false);
                }, params.keySet())) {
            result = program.run(inputs);
        }
        // Only gradients are checked here: the value tests own the values, so one fault fails one kind of test.
        for (int i = 0; i < operands.size(); i++) {
            if (!role.get(i).startsWith("p")) {
                continue;
            }
            HostTensor fd = FiniteDifferences.gradient(
                    args -> FiniteDifferences.weightedSum(c.reference().apply(args, DType.FLOAT64), weights), referenceOperands, i);
            assertGradient(what + " with respect to operand " + i, fd, result.gradient(role.get(i)), dtype);
        }
    }

    /**
     * Checks the gradients of a program over batched inputs in {@code dtype}, compiled once and run at each of
     * {@code batchSizes}. Fixed-shape floating operands are parameters; a batched floating operand {@code x} enters as
     * {@code x * s} with a parameter {@code s} broadcast along the batch axis, so its gradient is checked too.
     */
    static void batchCase(Backend backend, BatchCase c, DType dtype, int[] batchSizes) {
        List<InputSpec> specs = c.specs();
        Map<String, HostTensor> params = new LinkedHashMap<>();
        List<InputSpec> inputSpecs = new ArrayList<>();
        List<Integer> inputOf = new ArrayList<>();
        for (int i = 0; i < specs.size(); i++) {
            InputSpec s = specs.get(i);
            boolean batched = s.shape().rank() > 0 && s.shape().dim(0) == Shape.UNKNOWN;
            inputOf.add(batched || !s.dtype().isFloating() ? inputSpecs.size() : -1);
            if (batched || !s.dtype().isFloating()) {
                inputSpecs.add(new InputSpec(s.name(), s.dtype().isFloating() ? dtype : s.dtype(), s.shape()));
            }
            if (s.dtype().isFloating()) {
                Shape shape = batched ? Shape.of(java.util.Arrays.copyOfRange(s.shape().dims(), 1, s.shape().rank())) : s.shape();
                params.put("p" + i, HostTensor.fromDoubles(dtype, shape, Fixtures.uniform(Fixtures.SEED + 50 + i, shape, 0.5, 1.5)));
            }
        }
        if (params.isEmpty()) {
            throw new IllegalArgumentException(c.name() + " has no floating operand to differentiate");
        }
        Shape outputShape = c.staticOutput();
        HostTensor fixedWeights = c.batchedOutput() ? null
                : Fixtures.roundTo(Fixtures.random(Fixtures.SEED + 8, outputShape.dims()), dtype);
        if (c.batchedOutput()) {
            inputSpecs.add(new InputSpec("weights", dtype, outputShape));
        }
        try (VariableStore store = backend.createVariables(ParameterSet.of(params));
                CompiledGradient program = store.compileGradient(inputSpecs, (ops, p, xs) -> {
                    List<Tensor> args = new ArrayList<>();
                    for (int i = 0; i < specs.size(); i++) {
                        Tensor param = params.containsKey("p" + i) ? p.get("p" + i) : null;
                        Tensor input = inputOf.get(i) >= 0 ? xs.get(inputOf.get(i)) : null;
                        args.add(input == null ? param : param == null ? input : ops.mul(input, param));
                    }
                    Tensor w = c.batchedOutput() ? xs.get(xs.size() - 1) : ops.constant(fixedWeights.cast(dtype));
                    return ops.sum(ops.mul(c.function().apply(ops, args, dtype), w), new int[0], false);
                }, params.keySet())) {
            for (int batch : batchSizes) {
                List<HostTensor> inputs = new ArrayList<>();
                List<HostTensor> referenceInputs = new ArrayList<>();
                for (int k = 0; k < inputSpecs.size(); k++) {
                    InputSpec spec = inputSpecs.get(k);
                    Shape s = spec.shape().rank() > 0 && spec.shape().dim(0) == Shape.UNKNOWN ? spec.shape().withDim(0, batch) : spec.shape();
                    long seed = Fixtures.SEED + 100 * batch + k;
                    HostTensor v = spec.dtype() == DType.INT32 ? HostTensor.ofInts(s, Fixtures.indices(seed, s, 3))
                            : HostTensor.fromDoubles(dtype, s, Fixtures.uniform(seed, s, -1, 1));
                    inputs.add(v);
                    referenceInputs.add(Fixtures.roundTo(v, dtype));
                }
                HostTensor weights = c.batchedOutput() ? referenceInputs.get(referenceInputs.size() - 1) : fixedWeights;
                GradientResult result = program.run(inputs);
                List<String> names = new ArrayList<>(params.keySet());
                List<HostTensor> paramValues = names.stream().map(n -> Fixtures.roundTo(params.get(n), dtype)).toList();
                Function<List<HostTensor>, Double> loss = values -> {
                    List<HostTensor> args = new ArrayList<>();
                    for (int i = 0; i < specs.size(); i++) {
                        int at = names.indexOf("p" + i);
                        HostTensor param = at >= 0 ? values.get(at) : null;
                        HostTensor input = inputOf.get(i) >= 0 ? referenceInputs.get(inputOf.get(i)) : null;
                        args.add(input == null ? param : param == null ? input : ReferenceOps.mul(input, param));
                    }
                    return FiniteDifferences.weightedSum(c.reference().apply(args, DType.FLOAT64), weights);
                };
                for (int j = 0; j < names.size(); j++) {
                    HostTensor fd = FiniteDifferences.gradient(loss, paramValues, j);
                    int operand = Integer.parseInt(names.get(j).substring(1));
                    assertGradient(c.name() + " " + dtype + " with batch size " + batch + ": gradient with respect to operand " + operand
                            + (inputOf.get(operand) >= 0 ? " (through a scale broadcast along the batch axis)" : ""), fd,
                            result.gradient(names.get(j)), dtype);
                }
            }
        }
    }

    /** FLOAT64 gradients within {@link Tolerances#GRADIENT_RELATIVE}, FLOAT32 ones within {@link Tolerances#FLOAT32_GRADIENT_RELATIVE}. */
    static void assertGradient(String what, HostTensor expected, HostTensor actual, DType dtype) {
        if (dtype == DType.FLOAT32) {
            Checks.assertClose(what, expected, actual, Tolerances.FLOAT32_GRADIENT_RELATIVE, Tolerances.FLOAT32_GRADIENT_ABSOLUTE);
        } else {
            Checks.assertGradient(what, expected, actual);
        }
    }
}
