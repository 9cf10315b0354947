package org.lpa4j.api.tensor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/** Host tensors: layout, conversion and validation. */
class HostTensorTest {

    @Test
    void rowMajorIndexing() {
        HostTensor t = HostTensor.ofDoubles(Shape.of(2, 3), 0, 1, 2, 3, 4, 5);
        assertEquals(5.0, t.get(1, 2));
        assertEquals(3.0, t.get(1, 0));
    }

    @Test
    void wrongLengthIsRejectedWithShape() {
        ShapeMismatchException e = assertThrows(ShapeMismatchException.class, () -> HostTensor.ofFloats(Shape.of(2, 2), 1f, 2f, 3f));
        assertEquals("A host tensor of shape [2, 2] needs 4 values, but 3 were given.", e.getMessage());
    }

    @Test
    void unknownDimensionIsRejected() {
        assertThrows(ShapeMismatchException.class, () -> HostTensor.zeros(DType.FLOAT32, Shape.of(-1, 2)));
    }

    @Test
    void castRoundTripsAndFindsNonFinite() {
        HostTensor t = HostTensor.ofDoubles(Shape.of(3), 1.5, Double.NaN, 2);
        assertEquals(1, t.firstNonFiniteIndex());
        assertArrayEquals(new int[] {1, 2, 3}, HostTensor.ofFloats(Shape.of(3), 1.9f, 2.1f, 3f).toIntArray());
        assertEquals(DType.FLOAT32, t.cast(DType.FLOAT32).dtype());
    }
}
