package org.lpa4j.conformance.reference;

import java.util.ArrayList;
import java.util.List;
import org.lpa4j.api.backend.Capability;
import org.lpa4j.api.compile.InputSpec;
import org.lpa4j.api.tensor.DType;
import org.lpa4j.api.tensor.Shape;

/**
 * A program over inputs with an unknown batch dimension ({@link InputSpec#batched}): its input specs (FLOAT32; the
 * gradient checks swap in the dtype under test), the static output shape, the op, and the reference for one concrete
 * batch. The table holds every op that broadcasts along, reduces over or reshapes the batch axis.
 */
public record BatchCase(String name, List<InputSpec> specs, Shape staticOutput, OpCase.OpFunction function, OpCase.Reference reference,
        Capability needs) {

    /** The op the case exercises: the first word of its name. */
    public String op() {
        return name.substring(0, name.indexOf(' '));
    }

    /** Whether the output keeps the unknown batch dimension as its first axis. */
    public boolean batchedOutput() {
        return staticOutput.rank() > 0 && staticOutput.dim(0) == Shape.UNKNOWN;
    }

    /** The table. */
    public static List<BatchCase> all() {

        DType f = DType.FLOAT32;
        List<BatchCase> cs = new ArrayList<>();
        cs.add(new BatchCase("add [?, 4] + [4]", List.of(InputSpec.batched("x", f, 4), InputSpec.fixed("b", f, 4)), Shape.of(-1, 4),
                (o, x, t) -> o.add(x.get(0), x.get(1)), (x, t) -> ReferenceOps.add(x.get(0), x.get(1)), null));
        cs.add(new BatchCase("matmul [?, 3] x [3, 2]", List.of(InputSpec.batched("x", f, 3), InputSpec.fixed("w", f, 3, 2)),
                Shape.of(-1, 2), (o, x, t) -> o.matmul(x.get(0), x.get(1)), (x, t) -> ReferenceOps.matmul(x.get(0), x.get(1)), null));
        cs.add(new BatchCase("matmul [?, 2, 3] x [?, 3, 2]", List.of(InputSpec.batched("a", f, 2, 3), InputSpec.batched("b", f, 3, 2)),
                Shape.of(-1, 2, 2), (o, x, t) -> o.matmul(x.get(0), x.get(1)), (x, t) -> ReferenceOps.matmul(x.get(0), x.get(1)), null));
        cs.add(new BatchCase("mean over the batch axis of [?, 3]", List.of(InputSpec.batched("x", f, 3)), Shape.of(3),
                (o, x, t) -> o.mean(x.get(0), new int[] {0}, false), (x, t) -> ReferenceOps.mean(x.get(0), new int[] {0}, false), null));
        cs.add(new BatchCase("sum of all of [?, 2, 3]", List.of(InputSpec.batched("x", f, 2, 3)), Shape.scalar(),
                (o, x, t) -> o.sum(x.get(0), new int[0], false), (x, t) -> ReferenceOps.sum(x.get(0), new int[0], false), null));
        cs.add(new BatchCase("max over axis 1 of [?, 3] keepDims", List.of(InputSpec.batched("x", f, 3)), Shape.of(-1, 1),
                (o, x, t) -> o.max(x.get(0), new int[] {1}, true), (x, t) -> ReferenceOps.max(x.get(0), new int[] {1}, true), null));
        cs.add(new BatchCase("reshape [?, 2, 3] to [-1, 6]", List.of(InputSpec.batched("x", f, 2, 3)), Shape.of(-1, 6),
                (o, x, t) -> o.reshape(x.get(0), Shape.of(-1, 6)), (x, t) -> ReferenceOps.reshape(x.get(0), Shape.of(-1, 6)), null));
        cs.add(new BatchCase("transpose [?, 2, 3] perm [0, 2, 1]", List.of(InputSpec.batched("x", f, 2, 3)), Shape.of(-1, 3, 2),
                (o, x, t) -> o.transpose(x.get(0), 0, 2, 1), (x, t) -> ReferenceOps.transpose(x.get(0), 0, 2, 1), null));
        cs.add(new BatchCase("concat [?, 2] and [?, 3] on axis 1", List.of(InputSpec.batched("a", f, 2), InputSpec.batched("b", f, 3)),
                Shape.of(-1, 5), (o, x, t) -> o.concat(x, 1), (x, t) -> ReferenceOps.concat(x, 1), null));
        cs.add(new BatchCase("slice [?, 5] axis 1 [1, 4)", List.of(InputSpec.batched("x", f, 5)), Shape.of(-1, 3),
                (o, x, t) -> o.slice(x.get(0), 1, 1, 3), (x, t) -> ReferenceOps.slice(x.get(0), 1, 1, 3), null));
        cs.add(new BatchCase("softmax [?, 5] axis -1", List.of(InputSpec.batched("x", f, 5)), Shape.of(-1, 5),
                (o, x, t) -> o.softmax(x.get(0), -1), (x, t) -> ReferenceOps.softmax(x.get(0), -1), null));
        cs.add(new BatchCase("layerNorm [?, 4]", List.of(InputSpec.batched("x", f, 4), InputSpec.fixed("g", f, 4), InputSpec.fixed("b", f, 4)),
                Shape.of(-1, 4), (o, x, t) -> o.layerNorm(x.get(0), x.get(1), x.get(2), 1e-5),
                (x, t) -> ReferenceOps.layerNorm(x.get(0), x.get(1), x.get(2), 1e-5), null));
        cs.add(new BatchCase("mseLoss [?, 3]", List.of(InputSpec.batched("p", f, 3), InputSpec.batched("y", f, 3)), Shape.scalar(),
                (o, x, t) -> o.mseLoss(x.get(0), x.get(1)), (x, t) -> ReferenceOps.mseLoss(x.get(0), x.get(1)), null));
        cs.add(new BatchCase("softmaxCrossEntropy [?, 4] labels [?]",
                List.of(InputSpec.batched("logits", f, 4), InputSpec.batched("labels", DType.INT32)), Shape.scalar(),
                (o, x, t) -> o.softmaxCrossEntropy(x.get(0), x.get(1)), (x, t) -> ReferenceOps.softmaxCrossEntropy(x.get(0), x.get(1)), null));
        cs.add(new BatchCase("conv2d [?, 1, 4, 5] kernel [2, 1, 3, 3] stride 2 padding 1",
                List.of(InputSpec.batched("x", f, 1, 4, 5), InputSpec.fixed("k", f, 2, 1, 3, 3)), Shape.of(-1, 2, 2, 3),
                (o, x, t) -> o.conv2d(x.get(0), x.get(1), 2, 2, 1, 1), (x, t) -> ReferenceOps.conv2d(x.get(0), x.get(1), 2, 2, 1, 1),
                Capability.CONV2D));
        cs.add(new BatchCase("avgPool2d [?, 2, 4, 4] window 2 stride 2", List.of(InputSpec.batched("x", f, 2, 4, 4)), Shape.of(-1, 2, 2, 2),
                (o, x, t) -> o.avgPool2d(x.get(0), 2, 2, 2, 2), (x, t) -> ReferenceOps.avgPool2d(x.get(0), 2, 2, 2, 2), Capability.POOLING));
        cs.add(new BatchCase("gather table [5, 3] at [?, 2]", List.of(InputSpec.fixed("table", f, 5, 3), InputSpec.batched("ids", DType.INT32, 2)),
                Shape.of(-1, 2, 3), (o, x, t) -> o.gather(x.get(0), x.get(1)), (x, t) -> ReferenceOps.gather(x.get(0), x.get(1)),
                Capability.GATHER));
        cs.add(new BatchCase("oneHot [?] depth 3", List.of(InputSpec.batched("ids", DType.INT32)), Shape.of(-1, 3),
                (o, x, t) -> o.oneHot(x.get(0), 3, t), (x, t) -> ReferenceOps.oneHot(x.get(0), 3, DType.FLOAT64), null));
        cs.add(new BatchCase("mseLoss [?, 1] (one output: every reduced axis may have size 1)", List.of(InputSpec.batched("p", f, 1),
                InputSpec.batched("y", f, 1)), Shape.scalar(), (o, x, t) -> o.mseLoss(x.get(0), x.get(1)),
                (x, t) -> ReferenceOps.mseLoss(x.get(0), x.get(1)), null));
        cs.add(new BatchCase("sub [?, 4] - [4]", List.of(InputSpec.batched("x", f, 4), InputSpec.fixed("b", f, 4)), Shape.of(-1, 4),
                (o, x, t) -> o.sub(x.get(0), x.get(1)), (x, t) -> ReferenceOps.sub(x.get(0), x.get(1)), null));
        cs.add(new BatchCase("mul [?, 1] * [1, 3]", List.of(InputSpec.batched("x", f, 1), InputSpec.fixed("b", f, 1, 3)), Shape.of(-1, 3),
                (o, x, t) -> o.mul(x.get(0), x.get(1)), (x, t) -> ReferenceOps.mul(x.get(0), x.get(1)), null));
        cs.add(new BatchCase("div [?, 2, 3] / [3]", List.of(InputSpec.batched("x", f, 2, 3), InputSpec.fixed("b", f, 3)), Shape.of(-1, 2, 3),
                (o, x, t) -> o.div(x.get(0), x.get(1)), (x, t) -> ReferenceOps.div(x.get(0), x.get(1)), null));
        cs.add(new BatchCase("matmul and add [?, 3] x [3, 2] + [2]",
                List.of(InputSpec.batched("x", f, 3), InputSpec.fixed("w", f, 3, 2), InputSpec.fixed("b", f, 2)), Shape.of(-1, 2),
                (o, x, t) -> o.add(o.matmul(x.get(0), x.get(1)), x.get(2)),
                (x, t) -> ReferenceOps.add(ReferenceOps.matmul(x.get(0), x.get(1)), x.get(2)), null));
        cs.add(new BatchCase("sum over the batch axis of [?, 3] keepDims", List.of(InputSpec.batched("x", f, 3)), Shape.of(1, 3),
                (o, x, t) -> o.sum(x.get(0), new int[] {0}, true), (x, t) -> ReferenceOps.sum(x.get(0), new int[] {0}, true), null));
        cs.add(new BatchCase("mean over axes [0, 2] of [?, 2, 3]", List.of(InputSpec.batched("x", f, 2, 3)), Shape.of(2),
                (o, x, t) -> o.mean(x.get(0), new int[] {0, 2}, false), (x, t) -> ReferenceOps.mean(x.get(0), new int[] {0, 2}, false), null));
        cs.add(new BatchCase("mean over axis -1 of [?, 4]", List.of(InputSpec.batched("x", f, 4)), Shape.of(-1),
                (o, x, t) -> o.mean(x.get(0), new int[] {-1}, false), (x, t) -> ReferenceOps.mean(x.get(0), new int[] {-1}, false), null));
        cs.add(new BatchCase("max over the batch axis of [?, 3]", List.of(InputSpec.batched("x", f, 3)), Shape.of(3),
                (o, x, t) -> o.max(x.get(0), new int[] {0}, false), (x, t) -> ReferenceOps.max(x.get(0), new int[] {0}, false), null));
        cs.add(new BatchCase("logSoftmax [?, 5] axis -1", List.of(InputSpec.batched("x", f, 5)), Shape.of(-1, 5),
                (o, x, t) -> o.logSoftmax(x.get(0), -1), (x, t) -> ReferenceOps.logSoftmax(x.get(0), -1), null));
        cs.add(new BatchCase("softmaxCrossEntropyWithProbabilities [?, 4]", List.of(InputSpec.batched("logits", f, 4), InputSpec.batched("p", f, 4)),
                Shape.scalar(), (o, x, t) -> o.softmaxCrossEntropyWithProbabilities(x.get(0), x.get(1)),
                (x, t) -> ReferenceOps.softmaxCrossEntropyWithProbabilities(x.get(0), x.get(1)), null));
        cs.add(new BatchCase("globalAvgPool2d [?, 2, 3, 3]", List.of(InputSpec.batched("x", f, 2, 3, 3)), Shape.of(-1, 2),
                (o, x, t) -> o.globalAvgPool2d(x.get(0)), (x, t) -> ReferenceOps.globalAvgPool2d(x.get(0)), null));
        cs.add(new BatchCase("maxPool2d [?, 1, 4, 4] window 2 stride 2", List.of(InputSpec.batched("x", f, 1, 4, 4)), Shape.of(-1, 1, 2, 2),
                (o, x, t) -> o.maxPool2d(x.get(0), 2, 2, 2, 2), (x, t) -> ReferenceOps.maxPool2d(x.get(0), 2, 2, 2, 2), Capability.POOLING));
        return cs;
    }
}
