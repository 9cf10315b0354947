package org.lpa4j.api.tensor;

/** Element types a tensor can hold; floating types are differentiable, INT32 carries indices and labels. */
public enum DType {
    FLOAT32(4, true),
    FLOAT64(8, true),
    INT32(4, false);

    private final int byteSize;
    private final boolean floating;

    DType(int byteSize, boolean floating) {
        this.byteSize = byteSize;
        this.floating = floating;
    }

    /** Bytes per element. */
    public int byteSize() {
        return byteSize;
    }

    /** Whether values of this type can carry gradients. */
    public boolean isFloating() {
        return floating;
    }
}
