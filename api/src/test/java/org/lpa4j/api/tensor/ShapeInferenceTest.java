package org.lpa4j.api.tensor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/** The neutral shape rules and their messages. */
class ShapeInferenceTest {

    @Test
    void broadcast_followsNumpy() {
        assertEquals(Shape.of(3, 4), ShapeInference.broadcast("add", Shape.of(3, 1), Shape.of(1, 4)));
        assertEquals(Shape.of(2, 3, 4), ShapeInference.broadcast("add", Shape.of(4), Shape.of(2, 3, 4)));
        assertEquals(Shape.of(2, 3), ShapeInference.broadcast("add", Shape.scalar(), Shape.of(2, 3)));
        assertEquals(Shape.of(-1, 8), ShapeInference.broadcast("add", Shape.of(-1, 8), Shape.of(8)));
    }

    @Test
    void broadcast_mismatchNamesOpAndShapes() {
        ShapeMismatchException e = assertThrows(ShapeMismatchException.class,
                () -> ShapeInference.broadcast("add", Shape.of(2, 3), Shape.of(4)));
        assertEquals("add: cannot broadcast shapes [2, 3] and [4]: axis 1 of the broadcast result has sizes 3 and 4; sizes must "
                + "be equal or one of them 1.", e.getMessage());
    }

    @Test
    void matmul_batchedAndMismatch() {
        assertEquals(Shape.of(-1, 2, 5), ShapeInference.matmul(Shape.of(-1, 2, 3), Shape.of(-1, 3, 5)));
        ShapeMismatchException e = assertThrows(ShapeMismatchException.class,
                () -> ShapeInference.matmul(Shape.of(2, 3), Shape.of(4, 5)));
        assertEquals("matmul: cannot multiply [2, 3] by [4, 5]: the last axis of the first operand (3) must equal the "
                + "second-to-last axis of the second (4).", e.getMessage());
    }

    @Test
    void reshape_infersOneDimension_andKeepsUnknownBatch() {
        assertEquals(Shape.of(3, 4), ShapeInference.reshape(Shape.of(2, 6), Shape.of(3, -1)));
        assertEquals(Shape.of(-1, 4, 2), ShapeInference.reshape(Shape.of(-1, 8), Shape.of(-1, 4, 2)));
        assertThrows(ShapeMismatchException.class, () -> ShapeInference.reshape(Shape.of(2, 6), Shape.of(5, -1)));
        assertThrows(ShapeMismatchException.class, () -> ShapeInference.reshape(Shape.of(-1, 8), Shape.of(2, 4)));
    }

    @Test
    void reductions_conv_pool_gather() {
        assertEquals(Shape.of(2), ShapeInference.reduce("sum", Shape.of(2, 3, 4), new int[] {1, -1}, false));
        assertEquals(Shape.of(2, 1, 1), ShapeInference.reduce("sum", Shape.of(2, 3, 4), new int[] {1, -1}, true));
        assertEquals(Shape.scalar(), ShapeInference.reduce("mean", Shape.of(2, 3), new int[0], false));
        assertEquals(Shape.of(1, 4, 3, 4), ShapeInference.conv2d(Shape.of(1, 2, 5, 7), Shape.of(4, 2, 3, 3), 2, 2, 1, 1));
        assertEquals(Shape.of(1, 2, 2, 3), ShapeInference.pool2d("maxPool2d", Shape.of(1, 2, 5, 7), 2, 2, 2, 2));
        assertEquals(Shape.of(-1, 6, 8), ShapeInference.gather(Shape.of(10, 8), Shape.of(-1, 6)));
        assertThrows(ShapeMismatchException.class, () -> ShapeInference.reduce("sum", Shape.of(2, 3), new int[] {1, 1}, false));
        assertThrows(ShapeMismatchException.class, () -> ShapeInference.conv2d(Shape.of(1, 3, 5, 5), Shape.of(4, 2, 3, 3), 1, 1, 0, 0));
    }

    @Test
    void shape_rejectsZeroAndNegativeDimensions() {
        assertThrows(ShapeMismatchException.class, () -> Shape.of(2, 0));
        assertThrows(ShapeMismatchException.class, () -> Shape.of(-3));
        assertEquals("[?, 3]", Shape.of(-1, 3).toString());
    }
}
