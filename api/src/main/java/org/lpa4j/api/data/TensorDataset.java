package org.lpa4j.api.data;

import java.util.Objects;
import org.lpa4j.api.Lpa4jException;
import org.lpa4j.api.tensor.DType;
import org.lpa4j.api.tensor.HostTensor;
import org.lpa4j.api.tensor.Shape;

/**
 * A supervised data set on the host: inputs {@code x [n, ...]} and targets {@code y [n, ...]} (floating values for
 * regression, INT32 class indices {@code [n]} or {@code [n, t]} for classification). Validated on construction.
 */
public record TensorDataset(HostTensor x, HostTensor y) {
    public TensorDataset {
        Objects.requireNonNull(x, "x is null");
        Objects.requireNonNull(y, "y is null");
        if (x.shape().rank() < 1 || y.shape().rank() < 1) {
            throw new Lpa4jException("A data set needs inputs and targets with a leading example axis, but got x " + x.shape()
                    + " and y " + y.shape() + ".");
        }
        if (x.shape().dim(0) != y.shape().dim(0)) {
            throw new Lpa4jException("The data set has " + x.shape().dim(0) + " inputs but " + y.shape().dim(0)
                    + " targets; each input needs exactly one target.");
        }
        int bad = x.firstNonFiniteIndex();
        if (bad >= 0) {
            throw new Lpa4jException("Input value " + x.getDouble(bad) + " at flat index " + bad + " (example "
                    + bad / Math.max(1, x.size() / x.shape().dim(0)) + ") is not finite; clean or drop that example.");
        }
        bad = y.firstNonFiniteIndex();
        if (bad >= 0) {
            throw new Lpa4jException("Target value " + y.getDouble(bad) + " at flat index " + bad + " is not finite; clean or drop that example.");
        }
    }

    /** The number of examples. */
    public int size() {
        return x.shape().dim(0);
    }

    /** Whether the targets are class indices. */
    public boolean isClassification() {
        return y.dtype() == DType.INT32;
    }

    /** The examples at {@code indices}, in that order. */
    public TensorDataset select(int[] indices) {
        return new TensorDataset(rows(x, indices), rows(y, indices));
    }

    /** Examples {@code [from, to)}. */
    public TensorDataset range(int from, int to) {
        int[] idx = new int[to - from];
        for (int i = 0; i < idx.length; i++) {
            idx[i] = from + i;
        }
        return select(idx);
    }

    /** The rows {@code indices} of a tensor whose leading axis indexes examples. */
    public static HostTensor rows(HostTensor t, int[] indices) {
        int n = t.shape().dim(0);
        int row = t.size() / n;
        int[] dims = t.shape().dims();
        dims[0] = indices.length;
        Shape shape = Shape.of(dims);
        switch (t.dtype()) {
            case FLOAT32: {
                float[] src = t.floatsUnsafe();
                float[] out = new float[indices.length * row];
                for (int i = 0; i < indices.length; i++) {
                    System.arraycopy(src, indices[i] * row, out, i * row, row);
                }
                return HostTensor.ofFloats(shape, out);
            }
            case FLOAT64: {
                double[] src = t.doublesUnsafe();
                double[] out = new double[indices.length * row];
                for (int i = 0; i < indices.length; i++) {
                    System.arraycopy(src, indices[i] * row, out, i * row, row);
                }
                return HostTensor.ofDoubles(shape, out);
            }
            default: {
                int[] src = t.intsUnsafe();
                int[] out = new int[indices.length * row];
                for (int i = 0; i < indices.length; i++) {
                    System.arraycopy(src, indices[i] * row, out, i * row, row);
                }
                return HostTensor.ofInts(shape, out);
            }
        }
    }
}
