package org.lpa4j.integration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.lpa4j.api.backend.Backend;
import org.lpa4j.api.backend.Backends;
import org.lpa4j.api.compile.CompiledForward;
import org.lpa4j.api.compile.InputSpec;
import org.lpa4j.api.compile.VariableStore;
import org.lpa4j.api.model.StackedReadouts;
import org.lpa4j.api.params.ParameterSet;
import org.lpa4j.api.tensor.DType;
import org.lpa4j.api.tensor.HostTensor;
import org.lpa4j.api.tensor.Shape;
import org.lpa4j.api.ops.Ops;
import org.lpa4j.api.tensor.Tensor;
import org.lpa4j.api.training.ResidualTarget;

/**
 * Residual targets: the host losses (used for per-depth validation losses) equal the engine's, and the losses of all
 * depths at once equal each depth's loss on every backend.
 */
class ResidualTargetTest {
    private static final int DEPTHS = 3;

    /**
     * {@code depthLosses} and {@code depthTeacherLosses} of the built-in targets (stacked) and of a target that only
     * defines {@code loss} and {@code teacherLoss} (the defaults), against the losses depth by depth.
     */
    @ParameterizedTest
    @ValueSource(strings = {"nd4j", "djl", "tensorflow"})
    void depthLossesEqualEachDepthsLoss(String backend) {
        ResidualTarget plainMse = new ResidualTarget() {
            @Override
            public String name() {
                return "plain-mse";
            }

            @Override
            public Tensor loss(Ops ops, Tensor readout, Tensor target) {
                return ResidualTarget.meanSquaredError().loss(ops, readout, target);
            }

            @Override
            public Tensor teacherLoss(Ops ops, Tensor readout, Tensor teacher) {
                return ResidualTarget.meanSquaredError().teacherLoss(ops, readout, teacher);
            }

            @Override
            public double hostLoss(HostTensor readout, HostTensor target) {
                return ResidualTarget.meanSquaredError().hostLoss(readout, target);
            }
        };
        SplittableRandom random = new SplittableRandom(7);
        try (Backend b = Backends.open(backend); VariableStore store = b.createVariables(ParameterSet.of(java.util.Map.of()))) {
            // Regression [B, 2], classification [B, C], next token [B, T, C]; B = 5 at run time.
            assertDepthLosses(store, ResidualTarget.meanSquaredError(), Shape.of(5, 2), randomDoubles(random, Shape.of(5, 2)), random);
            assertDepthLosses(store, plainMse, Shape.of(5, 2), randomDoubles(random, Shape.of(5, 2)), random);
            assertDepthLosses(store, ResidualTarget.crossEntropy(), Shape.of(5, 4), randomLabels(random, Shape.of(5), 4), random);
            assertDepthLosses(store, ResidualTarget.crossEntropy(), Shape.of(5, 3, 4), randomLabels(random, Shape.of(5, 3), 4), random);
        }
    }

    private static void assertDepthLosses(VariableStore store, ResidualTarget target, Shape readoutShape, HostTensor y, SplittableRandom random) {
        List<InputSpec> specs = new ArrayList<>();
        List<HostTensor> values = new ArrayList<>();
        int[] yDims = y.shape().dims();
        yDims[0] = Shape.UNKNOWN;
        specs.add(new InputSpec("y", y.dtype(), Shape.of(yDims)));
        values.add(y);
        int[] readoutDims = readoutShape.dims();
        readoutDims[0] = Shape.UNKNOWN;
        for (int l = 0; l < DEPTHS; l++) {
            specs.add(new InputSpec("r" + l, DType.FLOAT64, Shape.of(readoutDims)));
            values.add(randomDoubles(random, readoutShape));
        }
        try (CompiledForward f = store.compileForward(specs, (ops, p, in) -> {
            List<Tensor> readouts = in.subList(1, in.size());
            Tensor stacked = ops.concat(readouts, 0);
            Tensor teacher = readouts.get(DEPTHS - 1);
            List<Tensor> out = new ArrayList<>(List.of(target.depthLosses(ops, stacked, DEPTHS, in.get(0)),
                    target.depthTeacherLosses(ops, stacked, DEPTHS, teacher)));
            for (Tensor r : readouts) {
                out.add(target.loss(ops, r, in.get(0)));
                out.add(target.teacherLoss(ops, r, teacher));
            }
            return out;
        })) {
            List<HostTensor> results = f.run(values);
            HostTensor all = results.get(0);
            HostTensor teacher = results.get(1);
            assertEquals(Shape.of(DEPTHS), all.shape(), target.name() + " on " + readoutShape);
            assertEquals(Shape.of(DEPTHS), teacher.shape(), target.name() + " teacher on " + readoutShape);
            for (int l = 0; l < DEPTHS; l++) {
                assertEquals(results.get(2 + 2 * l).scalarValue(), all.getDouble(l), 1e-12, target.name() + " depth " + (l + 1) + " on " + readoutShape);
                assertEquals(results.get(3 + 2 * l).scalarValue(), teacher.getDouble(l), 1e-12,
                        target.name() + " teacher, depth " + (l + 1) + " on " + readoutShape);
            }
        }
    }

    private static HostTensor randomDoubles(SplittableRandom random, Shape shape) {
        double[] v = new double[(int) shape.size()];
        for (int i = 0; i < v.length; i++) {
            v[i] = random.nextDouble(-2, 2);
        }
        return HostTensor.ofDoubles(shape, v);
    }

    private static HostTensor randomLabels(SplittableRandom random, Shape shape, int classes) {
        int[] v = new int[(int) shape.size()];
        for (int i = 0; i < v.length; i++) {
            v[i] = random.nextInt(classes);
        }
        return HostTensor.ofInts(shape, v);
    }

    /**
     * Distillation at temperature T: for cross-entropy {@code T^2} times the cross-entropy of {@code softmax(s/T)} against
     * {@code softmax(t/T)}, computed here on the host; for squared error exactly the loss at T = 1.
     */
    @ParameterizedTest
    @ValueSource(strings = {"nd4j", "djl", "tensorflow"})
    void temperedTeacherLossesSoftenClassifiers_andLeaveSquaredErrorAsItIs(String backend) {
        double temperature = 3;
        SplittableRandom random = new SplittableRandom(11);
        HostTensor logits = randomDoubles(random, Shape.of(2 * 4, 5));
        try (Backend b = Backends.open(backend); VariableStore store = b.createVariables(ParameterSet.of(java.util.Map.of()));
             CompiledForward f = store.compileForward(List.of(InputSpec.batched("s", DType.FLOAT64, 5)), (ops, p, in) -> {
                 Tensor teacher = StackedReadouts.depth(ops, in.get(0), 2, 2);
                 return List.of(ResidualTarget.crossEntropy().depthTeacherLosses(ops, in.get(0), 2, teacher, temperature),
                         ResidualTarget.meanSquaredError().depthTeacherLosses(ops, in.get(0), 2, teacher, temperature),
                         ResidualTarget.meanSquaredError().depthTeacherLosses(ops, in.get(0), 2, teacher));
             })) {
            List<HostTensor> out = f.run(List.of(logits));
            for (int depth = 0; depth < 2; depth++) {
                double expected = 0;
                for (int row = 0; row < 4; row++) {
                    double[] student = softmax(logits, depth * 4 + row, temperature);
                    double[] teacher = softmax(logits, 4 + row, temperature);
                    for (int c = 0; c < 5; c++) {
                        expected -= teacher[c] * Math.log(student[c]) / 4;
                    }
                }
                assertEquals(temperature * temperature * expected, out.get(0).getDouble(depth), 1e-9, "cross-entropy, depth " + (depth + 1));
                assertEquals(out.get(2).getDouble(depth), out.get(1).getDouble(depth), 1e-12, "squared error, depth " + (depth + 1));
            }
        }
    }

    private static double[] softmax(HostTensor logits, int row, double temperature) {
        double[] p = new double[5];
        double max = Double.NEGATIVE_INFINITY;
        for (int c = 0; c < 5; c++) {
            max = Math.max(max, logits.getDouble(row * 5 + c) / temperature);
        }
        double sum = 0;
        for (int c = 0; c < 5; c++) {
            p[c] = Math.exp(logits.getDouble(row * 5 + c) / temperature - max);
            sum += p[c];
        }
        for (int c = 0; c < 5; c++) {
            p[c] /= sum;
        }
        return p;
    }

    @Test
    void hostLossesEqualTheEngines() {
        try (Backend b = Backends.open("djl"); VariableStore store = b.createVariables(ParameterSet.of(java.util.Map.of()))) {
            HostTensor y = HostTensor.ofDoubles(Shape.of(2, 1), 1.0, -2.0);
            HostTensor prev = HostTensor.ofDoubles(Shape.of(2, 1), 0.25, 0.5);
            HostTensor labels = HostTensor.ofInts(Shape.of(1), 2);
            HostTensor logits = HostTensor.ofDoubles(Shape.of(1, 3), 0, Math.log(2), Math.log(5));
            try (CompiledForward f = store.compileForward(List.of(InputSpec.batched("y", DType.INT32), InputSpec.batched("z", DType.FLOAT64, 3)),
                    (ops, p, in) -> List.of(ResidualTarget.crossEntropy().loss(ops, in.get(1), in.get(0))))) {
                assertEquals(f.run(List.of(labels, logits)).get(0).scalarValue(), ResidualTarget.crossEntropy().hostLoss(logits, labels), 1e-12);
            }
            try (CompiledForward f = store.compileForward(List.of(InputSpec.batched("y", DType.FLOAT64, 1), InputSpec.batched("p", DType.FLOAT64, 1)),
                    (ops, p, in) -> List.of(ResidualTarget.meanSquaredError().loss(ops, in.get(1), in.get(0))))) {
                assertEquals(f.run(List.of(y, prev)).get(0).scalarValue(), ResidualTarget.meanSquaredError().hostLoss(prev, y), 1e-12);
            }
        }
    }

    /** A teacher readout is a target, not a student: no teacher loss, stacked, per depth or tempered, sends it a gradient. */
    @Test
    void teacherLosses_sendNoGradientToTheTeacher_butOneToTheStudents() {
        SplittableRandom random = new SplittableRandom(11);
        for (ResidualTarget target : List.of(ResidualTarget.meanSquaredError(), ResidualTarget.crossEntropy())) {
            HostTensor stacked = randomDoubles(random, Shape.of(DEPTHS * 5, 4));
            HostTensor teacher = randomDoubles(random, Shape.of(5, 4));
            List<org.lpa4j.api.compile.LossFunction> losses = List.of(
                    (ops, p, in) -> ops.sum(target.depthTeacherLosses(ops, p.get("s"), DEPTHS, p.get("t")), new int[] {0}, false),
                    (ops, p, in) -> ops.sum(target.depthTeacherLosses(ops, p.get("s"), DEPTHS, p.get("t"), 2.0), new int[] {0}, false),
                    (ops, p, in) -> target.teacherLoss(ops, StackedReadouts.depth(ops, p.get("s"), DEPTHS, 1), p.get("t")));
            try (Backend b = Backends.open("tensorflow");
                 VariableStore store = b.createVariables(ParameterSet.of(java.util.Map.of("s", stacked, "t", teacher)))) {
                for (int i = 0; i < losses.size(); i++) {
                    try (org.lpa4j.api.compile.CompiledGradient g = store.compileGradient(List.of(), losses.get(i), java.util.Set.of("s", "t"))) {
                        org.lpa4j.api.compile.GradientResult r = g.run(List.of());
                        assertTrue(java.util.Arrays.stream(r.gradient("t").toDoubleArray()).allMatch(v -> v == 0), target.name() + " loss " + i
                                + " sends the teacher a gradient");
                        assertTrue(java.util.Arrays.stream(r.gradient("s").toDoubleArray()).anyMatch(v -> v != 0), target.name() + " loss " + i);
                    }
                }
            }
        }
    }
}
