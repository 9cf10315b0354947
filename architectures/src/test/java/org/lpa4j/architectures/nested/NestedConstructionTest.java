package org.lpa4j.architectures.nested;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.lpa4j.api.Lpa4jException;
import org.lpa4j.api.params.ParameterSet;

/** Host-side checks of the construction: nesting, the E_l f bound, the modulus estimate and the input checks. */
class NestedConstructionTest {
    private static final long SEARCH = 50_000;

    @Test
    void firstLayersAreIdenticalForEveryTerminalDepth() {
        TargetFunction f = TargetFunctions.named("hoelder");
        NestedConstruction shallow = NestedConstruction.build(f, 1, 2, 2, 2.0, SEARCH);
        NestedConstruction deep = NestedConstruction.build(f, 1, 2, 4, 2.0, SEARCH);
        assertEquals(2, shallow.decodedDepth());
        assertTrue(deep.decodedDepth() >= 3, "deep decoded only " + deep.decodedDepth());
        ParameterSet a = shallow.parameters();
        ParameterSet b = deep.parameters();
        // The readouts of levels 1..2 use layers 1..4; the shallow network's last layers (3, 4) also hold the level-2 decoder.
        for (String name : a.names()) {
            assertTrue(b.contains(name), name + " is missing from the deeper network");
            assertEquals(a.get(name), b.get(name), name + " differs between terminal depth 2 and 4");
        }
        assertTrue(b.names().size() > a.names().size());
    }

    @Test
    void cellAveragesMeetTheirBoundAtEveryLevel() {
        for (int d = 1; d <= 2; d++) {
            for (int n : new int[] {2, 3}) {
                for (TargetFunction f : TargetFunctions.all()) {
                    int depth = d == 1 ? 5 : 2;
                    LpModulus w = LpModulus.standard(f, d, 2.0);
                    MidpointGrid grid = MidpointGrid.aligned(d, n, depth, d == 1 ? 1 << 14 : 128);
                    for (int l = 1; l <= depth; l++) {
                        double error = CellAverages.of(f, new CellGrid(d, n, l)).lpError(f, grid, 2.0);
                        double bound = 2 * d * w.estimate(Math.pow(n, -l));
                        assertTrue(error <= bound, f + " d=" + d + " N=" + n + " level " + l + ": ||f - E_l f|| = " + error + " > " + bound);
                    }
                }
            }
        }
    }

    @Test
    void modulusEstimateDoesNotUnderstateClosedForms() {
        // f(x) = x_1 on [0,1]: ||f(. + h) - f||_2 = |h| sqrt(1 - |h|), largest at |h| = delta for small delta.
        TargetFunction linear = new TargetFunction() {
            public String name() {
                return "linear";
            }

            public String description() {
                return "x_1";
            }

            public double value(double[] x) {
                return x[0];
            }
        };
        // The jump of height 1 at x_1 = 0.41 (plus x_d / 2): in d = 1 the L^1 modulus is at least delta (the jump alone).
        TargetFunction jump = TargetFunctions.named("jump");
        for (double delta : new double[] {0.5, 0.1, 1.0 / 27, 1.0 / 64}) {
            double exact = delta * Math.sqrt(1 - delta);
            assertTrue(LpModulus.standard(linear, 1, 2.0).estimate(delta) >= exact, "linear, delta " + delta);
            assertTrue(LpModulus.standard(linear, 2, 2.0).estimate(delta) >= exact, "linear in d=2, delta " + delta);
            // On the strip where exactly one of x, x + h lies past the jump, |f(x+h) - f(x)| >= 1 - |h| / 2.
            double jumpLower = (1 - delta / 2) * delta;
            assertTrue(LpModulus.standard(jump, 1, 1.0).estimate(delta) >= jumpLower, "jump, delta " + delta);
        }
    }

    @Test
    void badInputGetsAClearSentence() {
        assertTrue(assertThrows(Lpa4jException.class, () -> NestedConstruction.check(0, 2, 3, 2)).getMessage().contains("dimension d"));
        assertTrue(assertThrows(Lpa4jException.class, () -> NestedConstruction.check(1, 1, 3, 2)).getMessage().contains("base N"));
        assertTrue(assertThrows(Lpa4jException.class, () -> NestedConstruction.check(1, 2, 3, 0.5)).getMessage().contains("1 <= p"));
        assertTrue(assertThrows(Lpa4jException.class, () -> NestedConstruction.check(2, 10, 9, 2)).getMessage().contains("smaller depth"));
        assertTrue(assertThrows(Lpa4jException.class, () -> TargetFunctions.named("nope")).getMessage().contains("lipschitz"));
    }

    @Test
    void widthIsTwoDNPlusDPlusTwo() {
        NestedConstruction c = NestedConstruction.build(TargetFunctions.named("lipschitz"), 2, 3, 1, 2.0, SEARCH);
        assertEquals(2 * 2 * 3 + 2 + 2, c.network().width());
        assertEquals(c.network().parameterCount(), c.parameters().parameterCount());
    }
}
