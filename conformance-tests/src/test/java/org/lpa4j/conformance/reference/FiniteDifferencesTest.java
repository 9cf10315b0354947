package org.lpa4j.conformance.reference;

import java.util.List;
import org.lpa4j.conformance.Checks;
import org.junit.jupiter.api.Test;
import org.lpa4j.api.tensor.HostTensor;
import org.lpa4j.api.tensor.Shape;

/**
 * Central differences of the reference against analytic derivatives, within the suite's own gradient tolerance:
 * if these failed, the suite would blame correct backends.
 */
class FiniteDifferencesTest {

    private static final HostTensor R = Fixtures.random(11, 2, 3);

    @Test
    void sin_derivativeIsCos() {
        HostTensor x = Fixtures.random(12, 2, 3);
        HostTensor fd = FiniteDifferences.gradient(a -> FiniteDifferences.weightedSum(ReferenceOps.sin(a.get(0)), R), List.of(x), 0);
        Checks.assertGradient("d sum(sin(x) R)/dx", ReferenceOps.mul(ReferenceOps.map(x, Math::cos), R), fd);
    }

    @Test
    void softmax_jacobianTimesWeights() {
        HostTensor x = Fixtures.random(13, 2, 3);
        HostTensor fd = FiniteDifferences.gradient(a -> FiniteDifferences.weightedSum(ReferenceOps.softmax(a.get(0), -1), R), List.of(x), 0);
        // d/dx sum(s R) = s * (R - sum(s R, -1)).
        HostTensor s = ReferenceOps.softmax(x, -1);
        HostTensor expected = ReferenceOps.mul(s, ReferenceOps.sub(R, ReferenceOps.sum(ReferenceOps.mul(s, R), new int[] {-1}, true)));
        Checks.assertGradient("d sum(softmax(x) R)/dx", expected, fd);
    }

    @Test
    void matmul_gradientsAreRTimesTransposes() {
        HostTensor a = Fixtures.random(14, 2, 4);
        HostTensor b = Fixtures.random(15, 4, 3);
        java.util.function.Function<List<HostTensor>, Double> loss = v -> FiniteDifferences.weightedSum(ReferenceOps.matmul(v.get(0), v.get(1)), R);
        Checks.assertGradient("dL/dA = R B^T", ReferenceOps.matmul(R, ReferenceOps.transpose(b, 1, 0)),
                FiniteDifferences.gradient(loss, List.of(a, b), 0));
        Checks.assertGradient("dL/dB = A^T R", ReferenceOps.matmul(ReferenceOps.transpose(a, 1, 0), R),
                FiniteDifferences.gradient(loss, List.of(a, b), 1));
    }

    @Test
    void mseLoss_gradientIsTwiceTheErrorOverN() {
        HostTensor p = Fixtures.random(16, 3, 4);
        HostTensor y = Fixtures.random(17, 3, 4);
        HostTensor fd = FiniteDifferences.gradient(v -> ReferenceOps.mseLoss(v.get(0), v.get(1)).scalarValue(), List.of(p, y), 0);
        Checks.assertGradient("d mse/dp", ReferenceOps.scale(ReferenceOps.sub(p, y), 2.0 / 12), fd);
    }

    @Test
    void checks_catchAnErrorOfOnePartInAThousand() {
        HostTensor x = HostTensor.ofDoubles(Shape.of(2), 0.5, -0.25);
        HostTensor off = ReferenceOps.scale(x, 1 + 1e-3);
        org.junit.jupiter.api.Assertions.assertThrows(AssertionError.class,
                () -> Checks.assertValues("off by 1e-3", x, off, org.lpa4j.api.tensor.DType.FLOAT32));
        org.junit.jupiter.api.Assertions.assertThrows(AssertionError.class, () -> Checks.assertGradient("off by 1e-3", x, off));
        Checks.assertValues("within FLOAT32 rounding", x, ReferenceOps.scale(x, 1 + 1e-7), org.lpa4j.api.tensor.DType.FLOAT32);
    }
}
