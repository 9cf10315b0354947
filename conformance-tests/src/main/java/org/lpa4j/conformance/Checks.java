package org.lpa4j.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import org.lpa4j.api.tensor.DType;
import org.lpa4j.api.tensor.HostTensor;

/** The suite's assertions on host tensors: shapes equal, and every element within a stated tolerance. */
public final class Checks {
    private Checks() {
    }

    /** Values of {@code dtype} within {@link Tolerances#relative}/{@link Tolerances#absolute}. */
    public static void assertValues(String what, HostTensor expected, HostTensor actual, DType dtype) {
        assertClose(what, expected, actual, Tolerances.relative(dtype), Tolerances.absolute(dtype));
    }

    /** Gradients within {@link Tolerances#GRADIENT_RELATIVE}/{@link Tolerances#GRADIENT_ABSOLUTE}. */
    public static void assertGradient(String what, HostTensor expected, HostTensor actual) {
        assertClose(what, expected, actual, Tolerances.GRADIENT_RELATIVE, Tolerances.GRADIENT_ABSOLUTE);
    }

    /**
     * Same shape, and {@code |actual - expected| <= relative |expected| + absolute} everywhere (infinities must
     * match exactly, NaN only where NaN is expected). The message names the first bad element.
     */
    public static void assertClose(String what, HostTensor expected, HostTensor actual, double relative, double absolute) {
        assertEquals(expected.shape(), actual.shape(), () -> what + ": wrong shape");
        int bad = -1;
        double worst = 0;
        int count = 0;
        for (int i = 0; i < expected.size(); i++) {
            double e = expected.getDouble(i);
            double a = actual.getDouble(i);
            boolean ok;
            if (Double.isNaN(e) || Double.isInfinite(e)) {
                ok = Double.compare(e, a) == 0;
            } else {
                ok = Math.abs(a - e) <= relative * Math.abs(e) + absolute;
            }
            if (!ok) {
                count++;
                double excess = Math.abs(a - e);
                if (bad < 0 || excess > worst || Double.isNaN(excess)) {
                    bad = i;
                    worst = excess;
                }
            }
        }
        if (bad >= 0) {
            fail(what + ": " + count + " of " + expected.size() + " elements differ beyond " + relative + " relative + " + absolute
                    + " absolute; worst at flat index " + bad + ": expected " + expected.getDouble(bad) + " but got "
                    + actual.getDouble(bad) + "\n  expected " + expected + "\n  actual   " + actual);
        }
    }

    /** Bit-identical values and the same shape and type. */
    public static void assertIdentical(String what, HostTensor expected, HostTensor actual) {
        assertEquals(expected.shape(), actual.shape(), () -> what + ": wrong shape");
        assertEquals(expected.dtype(), actual.dtype(), () -> what + ": wrong element type");
        for (int i = 0; i < expected.size(); i++) {
            if (Double.doubleToLongBits(expected.getDouble(i)) != Double.doubleToLongBits(actual.getDouble(i))) {
                fail(what + ": element " + i + " changed from " + expected.getDouble(i) + " to " + actual.getDouble(i)
                        + "; it must stay bit-identical.");
            }
        }
    }
}
