package org.lpa4j.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.lpa4j.api.Lpa4jException;
import org.lpa4j.api.backend.Capability;
import org.lpa4j.api.compile.CompiledForward;
import org.lpa4j.api.compile.CompiledTrainStep;
import org.lpa4j.api.compile.InputSpec;
import org.lpa4j.api.compile.LossFunction;
import org.lpa4j.api.compile.OptimizerSpec;
import org.lpa4j.api.compile.OptimizerState;
import org.lpa4j.api.compile.VariableStore;
import org.lpa4j.api.params.ParameterSet;
import org.lpa4j.api.tensor.DType;
import org.lpa4j.api.tensor.HostTensor;
import org.lpa4j.api.tensor.Shape;
import org.lpa4j.conformance.reference.Fixtures;

/**
 * Train steps against the textbook updates of {@link OptimizerSpec} computed in Java, from a loss whose gradient is
 * known: {@code L = 0.5 sum(w^2) + sum(c w) + sum(d f)}, so {@code dL/dw = w + c}. Checked for one and two steps at
 * different learning rates, in FLOAT32 and FLOAT64: the updated values, the frozen parameter {@code f} staying
 * bit-identical, the returned loss being the one before the update, {@code stepCount}, and a forward program of the
 * same store seeing the update. A step's exported optimizer state, imported by a fresh step of a store holding the same
 * weights, continues bit for bit as the exporting step would (what checkpoints rely on).
 */
public class OptimizerConformance extends BackendConformance {

    /** Every obligation here trains or takes gradients. */
    @Override
    protected java.util.Set<org.lpa4j.api.backend.Capability> requiredCapabilities() {
        return java.util.Set.of(org.lpa4j.api.backend.Capability.TRAINING);
    }

    /** The learning rates of the first and second step; different, so a step that ignores its argument is caught. */
    private static final double[] LEARNING_RATES = {0.1, 0.03};

    private static final Shape W = Shape.of(2, 3);

    private static List<OptimizerSpec> optimizers() {
        // Adam twice: with the usual tiny epsilon, and with one as large as sqrt(v), so a wrong epsilon shows.
        return List.of(OptimizerSpec.sgd(), new OptimizerSpec.Sgd(0.9, 0.01), new OptimizerSpec.Sgd(0, 0.05), OptimizerSpec.adam(),
                new OptimizerSpec.Adam(0.5, 0.9, 0.3), new OptimizerSpec.AdamW(0.8, 0.99, 1e-6, 0.1));
    }

    private static ParameterSet initial(DType dtype) {
        Map<String, HostTensor> m = new LinkedHashMap<>();
        m.put("w", Fixtures.random(Fixtures.SEED + 41, 2, 3).cast(dtype));
        m.put("f", Fixtures.random(Fixtures.SEED + 42, 2).cast(dtype));
        return ParameterSet.of(m);
    }

    private static HostTensor c(DType dtype) {
        return Fixtures.random(Fixtures.SEED + 43, 2, 3).cast(dtype);
    }

    private static HostTensor d(DType dtype) {
        return Fixtures.random(Fixtures.SEED + 44, 2).cast(dtype);
    }

    private static LossFunction loss(DType dtype) {
        HostTensor d = d(dtype);
        return (ops, p, xs) -> {
            var w = p.get("w");
            var quadratic = ops.scale(ops.sum(ops.square(w), new int[0], false), 0.5);
            var linear = ops.sum(ops.mul(xs.get(0), w), new int[0], false);
            var frozen = ops.sum(ops.mul(ops.constant(d), p.get("f")), new int[0], false);
            return ops.add(ops.add(quadratic, linear), frozen);
        };
    }

    private static double referenceLoss(double[] w, double[] c, double[] f, double[] d) {
        double l = 0;
        for (int i = 0; i < w.length; i++) {
            l += 0.5 * w[i] * w[i] + c[i] * w[i];
        }
        for (int i = 0; i < f.length; i++) {
            l += d[i] * f[i];
        }
        return l;
    }

    /** The textbook optimizer of {@link OptimizerSpec}'s javadoc, in double precision. */
    private static final class TextbookOptimizer {
        private final OptimizerSpec spec;
        private final double[] m;
        private final double[] v;
        private int t;

        TextbookOptimizer(OptimizerSpec spec, int size) {
            this.spec = spec;
            this.m = new double[size];
            this.v = new double[size];
        }

        void step(double[] p, double[] g, double lr) {
            t++;
            if (spec instanceof OptimizerSpec.Sgd s) {
                for (int i = 0; i < p.length; i++) {
                    double gi = g[i] + s.weightDecay() * p[i];
                    v[i] = s.momentum() == 0 ? gi : s.momentum() * v[i] + gi;
                    p[i] -= lr * v[i];
                }
            } else if (spec instanceof OptimizerSpec.Adam a) {
                adam(p, g, lr, a.beta1(), a.beta2(), a.epsilon());
            } else if (spec instanceof OptimizerSpec.AdamW a) {
                for (int i = 0; i < p.length; i++) {
                    p[i] -= lr * a.weightDecay() * p[i];
                }
                adam(p, g, lr, a.beta1(), a.beta2(), a.epsilon());
            }
        }

        private void adam(double[] p, double[] g, double lr, double b1, double b2, double eps) {
            for (int i = 0; i < p.length; i++) {
                m[i] = b1 * m[i] + (1 - b1) * g[i];
                v[i] = b2 * v[i] + (1 - b2) * g[i] * g[i];
                double mHat = m[i] / (1 - Math.pow(b1, t));
                double vHat = v[i] / (1 - Math.pow(b2, t));
                p[i] -= lr * mHat / (Math.sqrt(vHat) + eps);
            }
        }
    }

    private static String describe(OptimizerSpec spec) {
        return spec.toString().replace("=", " ");
    }

    @TestFactory
    Stream<DynamicTest> required_oneAndTwoSteps_matchTextbookUpdate() {
        List<DynamicTest> tests = new ArrayList<>();
        for (OptimizerSpec spec : optimizers()) {
            for (DType dtype : List.of(DType.FLOAT32, DType.FLOAT64)) {
                tests.add(DynamicTest.dynamicTest(describe(spec) + " " + dtype + ": two steps at learning rates 0.1, 0.03",
                        () -> checkSteps(spec, dtype)));
            }
        }
        return tests.stream();
    }

    private void checkSteps(OptimizerSpec spec, DType dtype) {
        if (dtype == DType.FLOAT64) {
            assumeCapability(Capability.FLOAT64);
        }
        double relative = dtype == DType.FLOAT32 ? Tolerances.OPTIMIZER_FLOAT32_RELATIVE : Tolerances.OPTIMIZER_FLOAT64_RELATIVE;
        double absolute = dtype == DType.FLOAT32 ? Tolerances.OPTIMIZER_FLOAT32_ABSOLUTE : Tolerances.OPTIMIZER_FLOAT64_ABSOLUTE;
        ParameterSet init = initial(dtype);
        HostTensor cIn = c(dtype);
        double[] w = init.get("w").toDoubleArray();
        double[] cv = cIn.toDoubleArray();
        double[] f = init.get("f").toDoubleArray();
        double[] dv = d(dtype).toDoubleArray();
        TextbookOptimizer reference = new TextbookOptimizer(spec, w.length);
        String what = describe(spec) + " " + dtype;
        try (VariableStore store = backend().createVariables(init);
                CompiledTrainStep step = store.compileTrainStep(List.of(InputSpec.fixed("c", dtype, 2, 3)), loss(dtype), Set.of("w"), spec);
                CompiledForward read = store.compileForward(List.of(), (ops, p, xs) -> List.of(p.get("w")))) {
            assertEquals(0, step.stepCount(), () -> what + ": stepCount before the first step");
            for (int s = 0; s < LEARNING_RATES.length; s++) {
                double expectedLoss = referenceLoss(w, cv, f, dv);
                double[] g = new double[w.length];
                for (int i = 0; i < w.length; i++) {
                    g[i] = w[i] + cv[i];
                }
                reference.step(w, g, LEARNING_RATES[s]);
                double lossBefore = step.run(List.of(cIn), LEARNING_RATES[s]);
                int n = s + 1;
                Checks.assertClose(what + ": the loss returned by step " + n + " is the loss before its update",
                        HostTensor.scalar(DType.FLOAT64, expectedLoss), HostTensor.scalar(DType.FLOAT64, lossBefore), relative, absolute);
                assertEquals(n, step.stepCount(), () -> what + ": stepCount after step " + n);
                ParameterSet now = store.export();
                Checks.assertClose(what + ": w after step " + n, HostTensor.ofDoubles(W, w.clone()), now.get("w"), relative, absolute);
                Checks.assertIdentical(what + ": the frozen parameter f after step " + n, init.get("f"), now.get("f"));
                Checks.assertIdentical(what + ": a forward program of the same store sees the update of step " + n, now.get("w"),
                        read.run(List.of()).get(0));
            }
        }
    }

    @TestFactory
    Stream<DynamicTest> required_learningRateZero_changesNothing() {
        return optimizers().stream().map(spec -> DynamicTest.dynamicTest(describe(spec) + " FLOAT32: a step at learning rate 0", () -> {
            ParameterSet init = initial(DType.FLOAT32);
            try (VariableStore store = backend().createVariables(init);
                    CompiledTrainStep step = store.compileTrainStep(List.of(InputSpec.fixed("c", DType.FLOAT32, 2, 3)), loss(DType.FLOAT32),
                            Set.of("w"), spec)) {
                step.run(List.of(c(DType.FLOAT32)), 0.0);
                Checks.assertIdentical(describe(spec) + ": w after a step at learning rate 0", init.get("w"), store.export().get("w"));
                assertEquals(1, step.stepCount(), "a step at learning rate 0 still counts");
            }
        }));
    }

    @TestFactory
    Stream<DynamicTest> required_trainStepsKeepSeparateOptimizerState() {
        return Stream.of(DynamicTest.dynamicTest("Adam FLOAT32: two train steps of one store, each with its own moments", () -> {
            ParameterSet init = initial(DType.FLOAT32);
            HostTensor cIn = c(DType.FLOAT32);
            double[] w = init.get("w").toDoubleArray();
            double[] cv = cIn.toDoubleArray();
            TextbookOptimizer first = new TextbookOptimizer(OptimizerSpec.adam(), w.length);
            TextbookOptimizer second = new TextbookOptimizer(OptimizerSpec.adam(), w.length);
            try (VariableStore store = backend().createVariables(init);
                    CompiledTrainStep a = store.compileTrainStep(List.of(InputSpec.fixed("c", DType.FLOAT32, 2, 3)), loss(DType.FLOAT32),
                            Set.of("w"), OptimizerSpec.adam());
                    CompiledTrainStep b = store.compileTrainStep(List.of(InputSpec.fixed("c", DType.FLOAT32, 2, 3)), loss(DType.FLOAT32),
                            Set.of("w"), OptimizerSpec.adam())) {
                for (TextbookOptimizer ref : List.of(first, first, second)) {
                    double[] g = new double[w.length];
                    for (int i = 0; i < w.length; i++) {
                        g[i] = w[i] + cv[i];
                    }
                    ref.step(w, g, 0.1);
                    (ref == first ? a : b).run(List.of(cIn), 0.1);
                }
                assertEquals(2, a.stepCount(), "the first train step ran twice");
                assertEquals(1, b.stepCount(), "the second train step ran once: its bias correction starts at t = 1");
                Checks.assertClose("Adam: w after two steps of one program and one of another", HostTensor.ofDoubles(W, w),
                        store.export().get("w"), Tolerances.OPTIMIZER_FLOAT32_RELATIVE, Tolerances.OPTIMIZER_FLOAT32_ABSOLUTE);
            }
        }));
    }

    @TestFactory
    Stream<DynamicTest> required_exportedStateContinuesExactly_inAFreshStep() {
        return optimizers().stream().map(spec -> DynamicTest.dynamicTest(describe(spec) + " FLOAT32: three steps, export, two more"
                + " against a fresh store and step that imported the state", () -> continuesExactly(spec)));
    }

    /** A checkpoint's continuation: the weights and optimizer state after three steps, loaded elsewhere, give the same two next steps. */
    private void continuesExactly(OptimizerSpec spec) {
        DType dtype = DType.FLOAT32;
        HostTensor cIn = c(dtype);
        List<InputSpec> inputs = List.of(InputSpec.fixed("c", dtype, 2, 3));
        String what = describe(spec);
        ParameterSet saved;
        OptimizerState state;
        ParameterSet uninterrupted;
        try (VariableStore store = backend().createVariables(initial(dtype));
                CompiledTrainStep step = store.compileTrainStep(inputs, loss(dtype), Set.of("w"), spec)) {
            for (int s = 0; s < 3; s++) {
                step.run(List.of(cIn), LEARNING_RATES[s % 2]);
            }
            saved = store.export();
            state = step.exportState();
            assertEquals(3, state.steps(), () -> what + ": the exported state counts the steps run");
            for (String name : state.slots().keySet()) {
                assertEquals(true, name.endsWith("/w"), () -> what + ": state slot " + name + " belongs to the trainable parameter w");
            }
            step.run(List.of(cIn), 0.05);
            step.run(List.of(cIn), 0.02);
            uninterrupted = store.export();
        }
        try (VariableStore store = backend().createVariables(saved);
                CompiledTrainStep step = store.compileTrainStep(inputs, loss(dtype), Set.of("w"), spec)) {
            step.importState(state);
            assertEquals(3, step.stepCount(), () -> what + ": the imported state sets the step count");
            step.run(List.of(cIn), 0.05);
            step.run(List.of(cIn), 0.02);
            Checks.assertIdentical(what + ": w after resuming from the exported state", uninterrupted.get("w"), store.export().get("w"));
        }
    }

    @TestFactory
    Stream<DynamicTest> required_aStateThatDoesNotFitIsRefused() {
        return Stream.of(DynamicTest.dynamicTest("Adam FLOAT32: a state with a slot of another shape changes nothing", () -> {
            try (VariableStore store = backend().createVariables(initial(DType.FLOAT32));
                    CompiledTrainStep step = store.compileTrainStep(List.of(InputSpec.fixed("c", DType.FLOAT32, 2, 3)), loss(DType.FLOAT32),
                            Set.of("w"), OptimizerSpec.adam())) {
                step.run(List.of(c(DType.FLOAT32)), 0.1);
                OptimizerState before = step.exportState();
                Map<String, HostTensor> wrong = new LinkedHashMap<>(before.slots());
                wrong.put(OptimizerState.MEAN + "w", HostTensor.zeros(DType.FLOAT32, Shape.of(3, 2)));
                Lpa4jException e = assertThrows(Lpa4jException.class, () -> step.importState(new OptimizerState(7, wrong)));
                assertTrue(e.getMessage().contains("does not fit"), e.getMessage());
                assertEquals(1, step.stepCount(), "a refused import keeps the step count");
                Checks.assertIdentical("a refused import keeps the moments", before.slots().get(OptimizerState.MEAN + "w"),
                        step.exportState().slots().get(OptimizerState.MEAN + "w"));
            }
        }));
    }
}
