package org.lpa4j.conformance.reference;

import static org.lpa4j.conformance.reference.OpCase.doubles;
import static org.lpa4j.conformance.reference.OpCase.ints;

import java.util.ArrayList;
import java.util.List;
import org.lpa4j.api.backend.Capability;
import org.lpa4j.api.tensor.DType;
import org.lpa4j.api.tensor.HostTensor;
import org.lpa4j.api.tensor.Shape;

/**
 * The ops table: every primitive and every composite of {@link org.lpa4j.api.ops.Ops} with its edge cases
 * (broadcasting, batch of 1, non-square shapes, large and negative inputs, several and negative axes). Operands
 * are drawn from fixed seeds, away from kinks and ties wherever a gradient is checked.
 */
public final class OpCases {
    private long seed = Fixtures.SEED;
    private final List<OpCase> cases = new ArrayList<>();

    private OpCases() {
    }

    private HostTensor u(int... dims) {
        Shape s = Shape.of(dims);
        return doubles(s, Fixtures.uniform(seed++, s, -1, 1));
    }

    private HostTensor between(double low, double high, int... dims) {
        Shape s = Shape.of(dims);
        return doubles(s, Fixtures.uniform(seed++, s, low, high));
    }

    private HostTensor away(double low, double high, int... dims) {
        Shape s = Shape.of(dims);
        return doubles(s, Fixtures.awayFromZero(seed++, s, low, high));
    }

    private HostTensor distinct(int... dims) {
        Shape s = Shape.of(dims);
        return doubles(s, Fixtures.distinct(seed++, s));
    }

    private static HostTensor vec(double... values) {
        return doubles(Shape.of(values.length), values);
    }

    private OpCase add(String op, String label, List<HostTensor> operands, OpCase.OpFunction f, OpCase.Reference r) {
        OpCase c = new OpCase(op, label, operands, f, r);
        cases.add(c);
        return c;
    }

    private void binary(String op, String label, HostTensor a, HostTensor b) {
        OpCase.OpFunction f = switch (op) {
            case "add" -> (o, x, t) -> o.add(x.get(0), x.get(1));
            case "sub" -> (o, x, t) -> o.sub(x.get(0), x.get(1));
            case "mul" -> (o, x, t) -> o.mul(x.get(0), x.get(1));
            default -> (o, x, t) -> o.div(x.get(0), x.get(1));
        };
        OpCase.Reference r = switch (op) {
            case "add" -> (x, t) -> ReferenceOps.add(x.get(0), x.get(1));
            case "sub" -> (x, t) -> ReferenceOps.sub(x.get(0), x.get(1));
            case "mul" -> (x, t) -> ReferenceOps.mul(x.get(0), x.get(1));
            default -> (x, t) -> ReferenceOps.div(x.get(0), x.get(1));
        };
        add(op, label, List.of(a, b), f, r);
    }

    private OpCase unary(String op, String label, HostTensor x, OpCase.OpFunction f, java.util.function.UnaryOperator<HostTensor> r) {
        return add(op, label, List.of(x), f, (xs, t) -> r.apply(xs.get(0)));
    }

    private static String axes(int[] axes) {
        return java.util.Arrays.toString(axes);
    }

    /** Every primitive. */
    public static List<OpCase> primitives() {
        OpCases t = new OpCases();
        t.buildPrimitives();
        return t.cases;
    }

    /** Every composite. */
    public static List<OpCase> composites() {
        OpCases t = new OpCases();
        t.seed += 10_000;
        t.buildComposites();
        return t.cases;
    }

    private void buildPrimitives() {
        // constant
        HostTensor c = u(2, 3);
        add("constant", "[2, 3]", List.of(), (o, x, t) -> o.constant(c.cast(t)), (x, t) -> c.cast(t).cast(DType.FLOAT64)).valuesOnly();
        HostTensor ci = ints(Shape.of(2, 2), 3, -1, 0, 7);
        add("constant", "INT32 [2, 2]", List.of(), (o, x, t) -> o.constant(ci), (x, t) -> ci).valuesOnly().outputs(DType.INT32);

        // element-wise binary ops with broadcasting
        binary("add", "[2, 3] + [2, 3]", u(2, 3), u(2, 3));
        binary("add", "[3, 1] + [1, 4]", u(3, 1), u(1, 4));
        binary("add", "scalar + [2, 3]", u(), u(2, 3));
        binary("add", "[4] + [2, 3, 4]", u(4), u(2, 3, 4));
        binary("add", "batch of 1 [1, 5] + [5]", u(1, 5), u(5));
        binary("sub", "[2, 3] - [3]", u(2, 3), u(3));
        binary("sub", "[3, 1] - [1, 4]", u(3, 1), u(1, 4));
        binary("sub", "[2, 3, 4] - scalar", u(2, 3, 4), u());
        binary("mul", "[3, 1] * [1, 4]", u(3, 1), u(1, 4));
        binary("mul", "[4] * [2, 3, 4]", u(4), u(2, 3, 4));
        binary("mul", "scalar * [2, 3]", u(), u(2, 3));
        // Values only: with products of 1e7 the central differences lose their precision to cancellation.
        add("mul", "large and negative [5] * [5]", List.of(vec(1e3, -1e3, 123.5, -0.001, 7), vec(-2e3, 3e-3, -1, 1e4, -7)),
                (o, x, t) -> o.mul(x.get(0), x.get(1)), (x, t) -> ReferenceOps.mul(x.get(0), x.get(1))).valuesOnly();
        binary("div", "[2, 3] / [2, 3]", u(2, 3), away(0.5, 2, 2, 3));
        binary("div", "[3, 1] / [1, 4]", u(3, 1), away(0.5, 2, 1, 4));
        binary("div", "[2, 3] / scalar", u(2, 3), away(0.5, 2));
        add("div", "by zero (IEEE: inf, -inf, NaN)", List.of(vec(1, -1, 0), vec(0, 0, 0)), (o, x, t) -> o.div(x.get(0), x.get(1)),
                (x, t) -> ReferenceOps.div(x.get(0), x.get(1))).valuesOnly();

        // element-wise unary ops
        unary("exp", "[2, 3]", between(-2, 2, 2, 3), (o, x, t) -> o.exp(x.get(0)), ReferenceOps::exp);
        unary("exp", "large negative [-50, -20, 0, 1, 10]", vec(-50, -20, 0, 1, 10), (o, x, t) -> o.exp(x.get(0)), ReferenceOps::exp)
                .valuesOnly();
        unary("log", "[2, 3]", between(0.5, 2, 2, 3), (o, x, t) -> o.log(x.get(0)), ReferenceOps::log);
        unary("log", "small values [1e-30, 1e-10, 1e-3, 1, 1e3]", vec(1e-30, 1e-10, 1e-3, 1, 1e3), (o, x, t) -> o.log(x.get(0)),
                ReferenceOps::log).valuesOnly();
        unary("log", "at 0 and below (-inf, NaN)", vec(0, -1), (o, x, t) -> o.log(x.get(0)), ReferenceOps::log).valuesOnly();
        unary("sqrt", "[2, 3]", between(0.5, 2, 2, 3), (o, x, t) -> o.sqrt(x.get(0)), ReferenceOps::sqrt);
        unary("sqrt", "[0, 1e-20, 4, 1e6]", vec(0, 1e-20, 4, 1e6), (o, x, t) -> o.sqrt(x.get(0)), ReferenceOps::sqrt).valuesOnly();
        unary("relu", "[2, 3] away from 0", away(0.1, 2, 2, 3), (o, x, t) -> o.relu(x.get(0)), ReferenceOps::relu);
        unary("relu", "negatives and 0 [-5, -1e-3, 0, 1e-3, 5]", vec(-5, -1e-3, 0, 1e-3, 5), (o, x, t) -> o.relu(x.get(0)),
                ReferenceOps::relu).valuesOnly();
        unary("tanh", "[2, 3]", between(-2, 2, 2, 3), (o, x, t) -> o.tanh(x.get(0)), ReferenceOps::tanh);
        unary("tanh", "large [-100, -20, 0, 20, 100]", vec(-100, -20, 0, 20, 100), (o, x, t) -> o.tanh(x.get(0)), ReferenceOps::tanh)
                .valuesOnly();
        unary("sin", "[2, 3]", between(-3, 3, 2, 3), (o, x, t) -> o.sin(x.get(0)), ReferenceOps::sin);
        unary("sin", "[2, 2, 2]", between(-6, 6, 2, 2, 2), (o, x, t) -> o.sin(x.get(0)), ReferenceOps::sin);

        // matmul
        for (int[][] s : new int[][][] {{{2, 3}, {3, 4}}, {{1, 3}, {3, 2}}, {{5, 2}, {2, 3}}, {{2, 3, 4}, {2, 4, 2}},
                {{2, 2, 3, 2}, {2, 2, 2, 3}}}) {
            add("matmul", Shape.of(s[0]) + " x " + Shape.of(s[1]), List.of(u(s[0]), u(s[1])), (o, x, t) -> o.matmul(x.get(0), x.get(1)),
                    (x, t) -> ReferenceOps.matmul(x.get(0), x.get(1)));
        }

        // layout
        for (Object[] r : new Object[][] {{new int[] {2, 3, 4}, Shape.of(4, -1)}, {new int[] {2, 6}, Shape.of(3, 2, 2)},
                {new int[] {6}, Shape.of(-1, 2)}, {new int[] {1, 4}, Shape.of(4)}}) {
            Shape target = (Shape) r[1];
            add("reshape", Shape.of((int[]) r[0]) + " to " + java.util.Arrays.toString(target.dims()), List.of(u((int[]) r[0])),
                    (o, x, t) -> o.reshape(x.get(0), target), (x, t) -> ReferenceOps.reshape(x.get(0), target));
        }
        for (Object[] r : new Object[][] {{new int[] {2, 3, 1, 4}, new int[] {3, 1, 0, 2}}, {new int[] {2, 3}, new int[] {1, 0}},
                {new int[] {2, 3, 4}, new int[] {0, 2, 1}}, {new int[] {2, 1, 3, 2}, new int[] {0, 2, 1, 3}},
                {new int[] {3, 2, 4, 2}, new int[] {2, 0, 3, 1}}, {new int[] {2, 3, 4}, new int[] {1, 2, 0}}}) {
            int[] perm = (int[]) r[1];
            add("transpose", Shape.of((int[]) r[0]) + " perm " + axes(perm), List.of(u((int[]) r[0])), (o, x, t) -> o.transpose(x.get(0), perm),
                    (x, t) -> ReferenceOps.transpose(x.get(0), perm));
        }
        add("concat", "[2, 3] and [2, 1] on axis 1", List.of(u(2, 3), u(2, 1)), (o, x, t) -> o.concat(x, 1), (x, t) -> ReferenceOps.concat(x, 1));
        add("concat", "[1, 3], [2, 3], [1, 3] on axis 0", List.of(u(1, 3), u(2, 3), u(1, 3)), (o, x, t) -> o.concat(x, 0),
                (x, t) -> ReferenceOps.concat(x, 0));
        add("concat", "[2, 2, 3] and [2, 2, 1] on axis -1", List.of(u(2, 2, 3), u(2, 2, 1)), (o, x, t) -> o.concat(x, -1),
                (x, t) -> ReferenceOps.concat(x, -1));
        // {axis, start, length} on the shape that follows
        for (int[][] r : new int[][][] {{{1, 1, 3}, {4, 5}}, {{-2, 2, 2}, {3, 4, 2}}, {{0, 0, 1}, {3, 2}}}) {
            int[] s = r[0];
            int[] dims = r[1];
            add("slice", Shape.of(dims) + " axis " + s[0] + " [" + s[1] + ", " + (s[1] + s[2]) + ")", List.of(u(dims)),
                    (o, x, t) -> o.slice(x.get(0), s[0], s[1], s[2]), (x, t) -> ReferenceOps.slice(x.get(0), s[0], s[1], s[2]));
        }
        add("gather", "table [5, 3] at [2, 3] indices", List.of(u(5, 3), ints(Shape.of(2, 3), 4, 0, 2, 2, 1, 4)),
                (o, x, t) -> o.gather(x.get(0), x.get(1)), (x, t) -> ReferenceOps.gather(x.get(0), x.get(1))).needs(Capability.GATHER);
        add("gather", "table [3, 4] at repeated indices [[0, 0, 2], [2, 0, 0]]", List.of(u(3, 4), ints(Shape.of(2, 3), 0, 0, 2, 2, 0, 0)),
                (o, x, t) -> o.gather(x.get(0), x.get(1)), (x, t) -> ReferenceOps.gather(x.get(0), x.get(1))).needs(Capability.GATHER);
        add("gather", "table [4, 2] at repeated indices [1, 3, 1, 0, 1]", List.of(u(4, 2), ints(Shape.of(5), 1, 3, 1, 0, 1)),
                (o, x, t) -> o.gather(x.get(0), x.get(1)), (x, t) -> ReferenceOps.gather(x.get(0), x.get(1))).needs(Capability.GATHER);

        // reductions
        int[][] axesList = {{}, {0, 2}, {-1}, {1}, {0, -1}};
        for (int[] ax : axesList) {
            for (boolean keep : new boolean[] {false, true}) {
                if (ax.length == 1 && ax[0] == 1 && keep) {
                    continue;
                }
                String label = "[2, 3, 4] axes " + axes(ax) + (keep ? " keepDims" : "");
                add("sum", label, List.of(u(2, 3, 4)), (o, x, t) -> o.sum(x.get(0), ax, keep), (x, t) -> ReferenceOps.sum(x.get(0), ax, keep));
                add("mean", label, List.of(u(2, 3, 4)), (o, x, t) -> o.mean(x.get(0), ax, keep),
                        (x, t) -> ReferenceOps.mean(x.get(0), ax, keep));
                add("max", label + " no ties", List.of(distinct(2, 3, 4)), (o, x, t) -> o.max(x.get(0), ax, keep),
                        (x, t) -> ReferenceOps.max(x.get(0), ax, keep));
            }
        }
        add("sum", "batch of 1 [1, 3] axes [0]", List.of(u(1, 3)), (o, x, t) -> o.sum(x.get(0), new int[] {0}, false),
                (x, t) -> ReferenceOps.sum(x.get(0), new int[] {0}, false));

        // convolution and pooling
        for (int[] p : new int[][] {{2, 2, 5, 4, 3, 3, 3, 2, 2, 1, 1}, {1, 1, 4, 5, 2, 2, 3, 1, 1, 0, 0}, {1, 2, 5, 6, 2, 3, 2, 2, 1, 0, 1},
                {2, 1, 6, 5, 2, 2, 3, 1, 2, 1, 0}, {2, 3, 4, 6, 2, 2, 2, 2, 2, 0, 0}}) {
            int[] xs = {p[0], p[1], p[2], p[3]};
            int[] ks = {p[4], p[1], p[5], p[6]};
            add("conv2d", "x " + Shape.of(xs) + " kernel " + Shape.of(ks) + " stride (" + p[7] + ", " + p[8] + ") padding (" + p[9] + ", "
                    + p[10] + ")", List.of(u(xs), u(ks)), (o, x, t) -> o.conv2d(x.get(0), x.get(1), p[7], p[8], p[9], p[10]),
                    (x, t) -> ReferenceOps.conv2d(x.get(0), x.get(1), p[7], p[8], p[9], p[10])).needs(Capability.CONV2D);
        }
        // A patchify convolution (stride = kernel, no padding) plus a per-channel bias, in either order: the ResNet stem.
        add("conv2d", "patchify + bias: x [2, 3, 4, 6] kernel [2, 3, 2, 2] stride (2, 2), bias [1, 2, 1, 1]", List.of(u(2, 3, 4, 6), u(2, 3, 2, 2), u(2)),
                (o, x, t) -> o.add(o.conv2d(x.get(0), x.get(1), 2, 2, 0, 0), o.reshape(x.get(2), Shape.of(1, 2, 1, 1))),
                (x, t) -> ReferenceOps.add(ReferenceOps.conv2d(x.get(0), x.get(1), 2, 2, 0, 0), ReferenceOps.reshape(x.get(2), Shape.of(1, 2, 1, 1))))
                .needs(Capability.CONV2D);
        add("conv2d", "bias + patchify: bias [1, 2, 1, 1], x [1, 1, 4, 4] kernel [2, 1, 2, 2] stride (2, 2)", List.of(u(2), u(1, 1, 4, 4), u(2, 1, 2, 2)),
                (o, x, t) -> o.add(o.reshape(x.get(0), Shape.of(1, 2, 1, 1)), o.conv2d(x.get(1), x.get(2), 2, 2, 0, 0)),
                (x, t) -> ReferenceOps.add(ReferenceOps.reshape(x.get(0), Shape.of(1, 2, 1, 1)), ReferenceOps.conv2d(x.get(1), x.get(2), 2, 2, 0, 0)))
                .needs(Capability.CONV2D);
        for (int[] p : new int[][] {{1, 2, 4, 6, 2, 2, 2, 2}, {2, 1, 5, 4, 3, 2, 1, 2}, {1, 1, 3, 5, 3, 3, 1, 1}, {1, 2, 5, 6, 2, 3, 2, 1},
                {2, 1, 4, 5, 1, 3, 1, 2}}) {
            int[] xs = {p[0], p[1], p[2], p[3]};
            String label = Shape.of(xs) + " window (" + p[4] + ", " + p[5] + ") stride (" + p[6] + ", " + p[7] + ")";
            add("maxPool2d", label + " no ties", List.of(distinct(xs)), (o, x, t) -> o.maxPool2d(x.get(0), p[4], p[5], p[6], p[7]),
                    (x, t) -> ReferenceOps.maxPool2d(x.get(0), p[4], p[5], p[6], p[7])).needs(Capability.POOLING);
            add("avgPool2d", label, List.of(u(xs)), (o, x, t) -> o.avgPool2d(x.get(0), p[4], p[5], p[6], p[7]),
                    (x, t) -> ReferenceOps.avgPool2d(x.get(0), p[4], p[5], p[6], p[7])).needs(Capability.POOLING);
        }

        // gradient plumbing, types
        unary("stopGradient", "[2, 3] (value)", u(2, 3), (o, x, t) -> o.stopGradient(x.get(0)), v -> v).valuesOnly();
        HostTensor idx = ints(Shape.of(2, 3), 0, 3, 1, 1, 2, 3);
        add("oneHot", "[2, 3] depth 4", List.of(idx), (o, x, t) -> o.oneHot(x.get(0), 4, t), (x, t) -> ReferenceOps.oneHot(x.get(0), 4, t))
                .valuesOnly();
        add("oneHot", "[3] depth 2 as INT32", List.of(ints(Shape.of(3), 1, 0, 1)), (o, x, t) -> o.oneHot(x.get(0), 2, DType.INT32),
                (x, t) -> ReferenceOps.oneHot(x.get(0), 2, DType.INT32)).valuesOnly().outputs(DType.INT32);
        unary("cast", "[2, 3] to the other floating type", u(2, 3), (o, x, t) -> o.cast(x.get(0), other(t)),
                v -> v.cast(DType.FLOAT32).cast(DType.FLOAT64)).valuesOnly().outputs(OpCases::other);
        add("cast", "INT32 [4] to floating", List.of(ints(Shape.of(4), -3, 0, 5, 100000)), (o, x, t) -> o.cast(x.get(0), t),
                (x, t) -> x.get(0).cast(DType.FLOAT64)).valuesOnly();
        unary("cast", "integer-valued [4] to INT32", vec(-3, 0, 5, 100000), (o, x, t) -> o.cast(x.get(0), DType.INT32),
                v -> v.cast(DType.INT32)).valuesOnly().outputs(DType.INT32);
        unary("cast", "FLOAT64 to FLOAT32 and back (gradient converted back)", u(2, 3),
                (o, x, t) -> o.cast(o.cast(x.get(0), DType.FLOAT32), t), v -> v).gradientOnly();
    }

    private static DType other(DType t) {
        return t == DType.FLOAT32 ? DType.FLOAT64 : DType.FLOAT32;
    }

    private void buildComposites() {
        add("scalar", "2.5", List.of(), (o, x, t) -> o.scalar(2.5, t), (x, t) -> HostTensor.scalar(DType.FLOAT64, 2.5)).valuesOnly();
        add("scalar", "added to [2, 3]", List.of(u(2, 3)), (o, x, t) -> o.add(x.get(0), o.scalar(-0.75, t)),
                (x, t) -> ReferenceOps.map(x.get(0), v -> v - 0.75));
        unary("neg", "[2, 3]", u(2, 3), (o, x, t) -> o.neg(x.get(0)), ReferenceOps::neg);
        unary("scale", "[2, 3] by -1.5", u(2, 3), (o, x, t) -> o.scale(x.get(0), -1.5), v -> ReferenceOps.scale(v, -1.5));
        unary("square", "[2, 3]", between(-2, 2, 2, 3), (o, x, t) -> o.square(x.get(0)), ReferenceOps::square);
        unary("sigmoid", "[2, 3]", between(-3, 3, 2, 3), (o, x, t) -> o.sigmoid(x.get(0)), ReferenceOps::sigmoid);
        unary("sigmoid", "large [-100, -20, 0, 20, 100]", vec(-100, -20, 0, 20, 100), (o, x, t) -> o.sigmoid(x.get(0)),
                ReferenceOps::sigmoid).valuesOnly();
        unary("gelu", "[2, 3]", between(-3, 3, 2, 3), (o, x, t) -> o.gelu(x.get(0)), ReferenceOps::gelu);
        unary("gelu", "large [-10, -5, 0, 5, 10]", vec(-10, -5, 0, 5, 10), (o, x, t) -> o.gelu(x.get(0)), ReferenceOps::gelu).valuesOnly();
        for (String op : List.of("softmax", "logSoftmax")) {
            boolean soft = op.equals("softmax");
            OpCase.OpFunction last = (o, x, t) -> soft ? o.softmax(x.get(0), -1) : o.logSoftmax(x.get(0), -1);
            OpCase.Reference lastRef = (x, t) -> soft ? ReferenceOps.softmax(x.get(0), -1) : ReferenceOps.logSoftmax(x.get(0), -1);
            add(op, "[2, 5] axis -1", List.of(between(-2, 2, 2, 5)), last, lastRef);
            add(op, "[3, 4] axis 0", List.of(between(-2, 2, 3, 4)), (o, x, t) -> soft ? o.softmax(x.get(0), 0) : o.logSoftmax(x.get(0), 0),
                    (x, t) -> soft ? ReferenceOps.softmax(x.get(0), 0) : ReferenceOps.logSoftmax(x.get(0), 0));
            add(op, "[2, 3, 4] axis 1", List.of(between(-2, 2, 2, 3, 4)), (o, x, t) -> soft ? o.softmax(x.get(0), 1) : o.logSoftmax(x.get(0), 1),
                    (x, t) -> soft ? ReferenceOps.softmax(x.get(0), 1) : ReferenceOps.logSoftmax(x.get(0), 1));
            add(op, "+-1000 [2, 3] axis -1", List.of(doubles(Shape.of(2, 3), 1000, 999, -1000, -1000, -999, 0)), last, lastRef)
                    .valuesOnly();
        }
        for (Object[] r : new Object[][] {{new int[] {2, 3, 4}, 1e-5, 2.0}, {new int[] {3, 5}, 1e-3, 2.0}, {new int[] {1, 6}, 1e-5, 2.0},
                {new int[] {2, 4}, 0.1, 0.3}}) {
            int[] dims = (int[]) r[0];
            double eps = (double) r[1];
            double range = (double) r[2];
            int d = dims[dims.length - 1];
            // The last case has a variance (0.03) close to eps, so a wrong or missing eps changes the result by percents.
            add("layerNorm", Shape.of(dims) + " eps " + eps + " values in +-" + range, List.of(between(-range, range, dims), between(0.5, 1.5, d), u(d)),
                    (o, x, t) -> o.layerNorm(x.get(0), x.get(1), x.get(2), eps),
                    (x, t) -> ReferenceOps.layerNorm(x.get(0), x.get(1), x.get(2), eps));
        }
        unary("globalAvgPool2d", "[2, 3, 2, 4]", u(2, 3, 2, 4), (o, x, t) -> o.globalAvgPool2d(x.get(0)), ReferenceOps::globalAvgPool2d);
        add("mseLoss", "[3, 4]", List.of(u(3, 4), u(3, 4)), (o, x, t) -> o.mseLoss(x.get(0), x.get(1)),
                (x, t) -> ReferenceOps.mseLoss(x.get(0), x.get(1)));
        add("mseLoss", "batch of 1 [1, 2]", List.of(u(1, 2), u(1, 2)), (o, x, t) -> o.mseLoss(x.get(0), x.get(1)),
                (x, t) -> ReferenceOps.mseLoss(x.get(0), x.get(1)));
        add("softmaxCrossEntropy", "logits [4, 5] labels [4]", List.of(between(-2, 2, 4, 5), ints(Shape.of(4), 0, 4, 2, 2)),
                (o, x, t) -> o.softmaxCrossEntropy(x.get(0), x.get(1)), (x, t) -> ReferenceOps.softmaxCrossEntropy(x.get(0), x.get(1)));
        add("softmaxCrossEntropy", "logits [2, 3, 4] labels [2, 3]", List.of(between(-2, 2, 2, 3, 4), ints(Shape.of(2, 3), 3, 0, 1, 2, 2, 0)),
                (o, x, t) -> o.softmaxCrossEntropy(x.get(0), x.get(1)), (x, t) -> ReferenceOps.softmaxCrossEntropy(x.get(0), x.get(1)));
        add("softmaxCrossEntropy", "logits +-1000 [2, 3]", List.of(doubles(Shape.of(2, 3), 1000, -1000, 0, -1000, 999, 1000),
                ints(Shape.of(2), 0, 1)), (o, x, t) -> o.softmaxCrossEntropy(x.get(0), x.get(1)),
                (x, t) -> ReferenceOps.softmaxCrossEntropy(x.get(0), x.get(1))).valuesOnly();
        HostTensor probs = ReferenceOps.softmax(between(-1, 1, 4, 5), -1);
        add("softmaxCrossEntropyWithProbabilities", "[4, 5]", List.of(between(-2, 2, 4, 5), probs),
                (o, x, t) -> o.softmaxCrossEntropyWithProbabilities(x.get(0), x.get(1)),
                (x, t) -> ReferenceOps.softmaxCrossEntropyWithProbabilities(x.get(0), x.get(1)));
        add("causalMask", "t = 4", List.of(), (o, x, t) -> o.causalMask(4, t), (x, t) -> ReferenceOps.causalMask(4)).valuesOnly();
        add("causalMask", "t = 1", List.of(), (o, x, t) -> o.causalMask(1, t), (x, t) -> ReferenceOps.causalMask(1)).valuesOnly();
    }
}
