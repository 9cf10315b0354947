package org.lpa4j.api.tensor;

/**
 * An opaque, backend-owned handle to a value inside a traced function. It exposes its static shape
 * (the batch dimension may be unknown, {@link Shape#UNKNOWN}) and its element type, never its values:
 * that is what keeps every function trace-compatible.
 */
public interface Tensor {
    /** The static shape; dimensions equal to {@link Shape#UNKNOWN} are only known when the program runs. */
    Shape shape();

    /** The element type. */
    DType dtype();
}
