package org.lpa4j.api.params;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.lpa4j.api.Lpa4jException;
import org.lpa4j.api.layers.Dense;
import org.lpa4j.api.tensor.DType;
import org.lpa4j.api.tensor.Shape;
import org.junit.jupiter.api.Test;

/** Seeded host-side initialisation: the same seed gives the same weights, whatever else is in the network. */
class ParameterSetTest {

    @Test
    void sameSeedSameValues_differentSeedDifferentValues() {
        List<ParameterSpec> specs = new Dense("d", 4, 3).parameters();
        assertEquals(ParameterSet.initialize(specs, 7, DType.FLOAT64), ParameterSet.initialize(specs, 7, DType.FLOAT64));
        assertNotEquals(ParameterSet.initialize(specs, 7, DType.FLOAT64), ParameterSet.initialize(specs, 8, DType.FLOAT64));
    }

    @Test
    void addingAParameterDoesNotChangeTheOthers() {
        List<ParameterSpec> one = new Dense("a", 4, 3).parameters();
        List<ParameterSpec> two = new java.util.ArrayList<>(new Dense("z", 2, 2).parameters());
        two.addAll(one);
        ParameterSet small = ParameterSet.initialize(one, 3, DType.FLOAT32);
        ParameterSet large = ParameterSet.initialize(two, 3, DType.FLOAT32);
        assertEquals(small.get("a.weight"), large.get("a.weight"));
    }

    @Test
    void float32IsTheRoundedFloat64() {
        List<ParameterSpec> specs = new Dense("d", 5, 5).parameters();
        double[] d = ParameterSet.initialize(specs, 1, DType.FLOAT64).get("d.weight").toDoubleArray();
        float[] f = ParameterSet.initialize(specs, 1, DType.FLOAT32).get("d.weight").toFloatArray();
        for (int i = 0; i < d.length; i++) {
            assertEquals((float) d[i], f[i]);
        }
    }

    @Test
    void duplicateNamesAndUnknownLookupsAreExplained() {
        List<ParameterSpec> specs = List.of(new ParameterSpec("w", Shape.of(2), Initializer.zeros()),
                new ParameterSpec("w", Shape.of(3), Initializer.zeros()));
        Lpa4jException e = assertThrows(Lpa4jException.class, () -> ParameterSet.initialize(specs, 0, DType.FLOAT32));
        assertEquals("Two parameters are named 'w'; give each layer a unique name.", e.getMessage());
        ParameterSet p = ParameterSet.initialize(specs.subList(0, 1), 0, DType.FLOAT32);
        assertEquals("No parameter named 'v'; known parameters: [w].",
                assertThrows(Lpa4jException.class, () -> p.get("v")).getMessage());
    }

    @Test
    void initializersHaveTheStatedMoments() {
        double[] out = new double[20000];
        Initializer.normal(2.0).fill(out, Shape.of(out.length), new java.util.SplittableRandom(1));
        double mean = java.util.Arrays.stream(out).average().orElseThrow();
        double var = java.util.Arrays.stream(out).map(v -> (v - mean) * (v - mean)).average().orElseThrow();
        assertEquals(0.0, mean, 0.05);
        assertEquals(4.0, var, 0.15);
    }
}
