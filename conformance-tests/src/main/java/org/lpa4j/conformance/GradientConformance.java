package org.lpa4j.conformance;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.lpa4j.api.backend.Capability;
import org.lpa4j.api.tensor.DType;
import org.lpa4j.conformance.reference.BatchCase;
import org.lpa4j.conformance.reference.OpCase;
import org.lpa4j.conformance.reference.OpCases;

/**
 * Gradients where training actually runs: every differentiable row of the ops table in FLOAT32 (training's element
 * type), and every op that broadcasts along, reduces over or reshapes a run-time batch axis, differentiated in
 * FLOAT32 and FLOAT64 by one program run at several batch sizes. Both against central differences of the reference.
 *
 * <p>{@link OpsConformance} checks the FLOAT64 gradients of fixed shapes; a backward pass that is wrong only in single
 * precision, or only when an operand is broadcast along the unknown batch axis, passes it and fails here.
 */
public class GradientConformance extends BackendConformance {

    /** Every obligation here trains or takes gradients. */
    @Override
    protected java.util.Set<org.lpa4j.api.backend.Capability> requiredCapabilities() {
        return java.util.Set.of(org.lpa4j.api.backend.Capability.TRAINING);
    }

    /** The batch sizes every batched gradient program is run with, after compiling it once. */
    protected static final int[] BATCH_SIZES = {1, 3, 7};

    @TestFactory
    Stream<DynamicTest> required_primitives_float32GradientsMatchFiniteDifferences() {
        return float32Tests(OpCases.primitives());
    }

    @TestFactory
    Stream<DynamicTest> required_composites_float32GradientsMatchFiniteDifferences() {
        return float32Tests(OpCases.composites());
    }

    @TestFactory
    Stream<DynamicTest> required_unknownBatchDimension_gradientsMatchFiniteDifferencesAtBatchSizes1_3_7() {
        return BatchCase.all().stream().filter(c -> includesOp(c.op()) && c.specs().stream().anyMatch(s -> s.dtype().isFloating()))
                .flatMap(c -> Stream.of(DType.FLOAT32, DType.FLOAT64).map(dtype -> DynamicTest.dynamicTest(
                        c.name() + " " + dtype + ": gradient at batch sizes 1, 3, 7", () -> {
                            if (c.needs() != null) {
                                assumeCapability(c.needs());
                            }
                            if (dtype == DType.FLOAT64) {
                                assumeCapability(Capability.FLOAT64);
                            }
                            GradientChecks.batchCase(backend(), c, dtype, BATCH_SIZES);
                        })));
    }

    private Stream<DynamicTest> float32Tests(List<OpCase> cases) {
        return cases.stream().filter(c -> c.checkGradient() && includesOp(c.op())).map(c -> DynamicTest.dynamicTest(c.displayName(DType.FLOAT32, false, "gradient"),
                () -> {
                    if (c.needs() != null) {
                        assumeCapability(c.needs());
                    }
                    GradientChecks.opCase(backend(), c, DType.FLOAT32, false);
                }));
    }
}
