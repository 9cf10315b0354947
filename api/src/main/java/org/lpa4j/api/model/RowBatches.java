package org.lpa4j.api.model;

import java.util.ArrayList;
import java.util.List;
import org.lpa4j.api.compile.CompiledForward;
import org.lpa4j.api.data.TensorDataset;
import org.lpa4j.api.tensor.HostTensor;
import org.lpa4j.api.tensor.Shape;

/** Runs a compiled forward over many examples a slice of rows at a time, so evaluation memory stays bounded. */
public final class RowBatches {
    /** Examples per evaluation slice: every evaluation in lpa4j (trainers, {@link ProgressiveModel}) uses it. */
    public static final int DEFAULT_ROWS = 2048;

    private RowBatches() {
    }

    /** Every output of {@code forward} for the single input {@code x}, computed in slices of {@link #DEFAULT_ROWS} examples. */
    public static List<HostTensor> run(CompiledForward forward, HostTensor x) {
        return run(forward, x, DEFAULT_ROWS);
    }

    /** Every output of {@code forward} for the single input {@code x}, computed in slices of {@code rows} examples. */
    public static List<HostTensor> run(CompiledForward forward, HostTensor x, int rows) {
        int n = x.shape().dim(0);
        if (n <= rows) {
            return new ArrayList<>(forward.run(List.of(x)));
        }
        List<List<HostTensor>> parts = new ArrayList<>();
        for (int from = 0; from < n; from += rows) {
            int[] idx = new int[Math.min(rows, n - from)];
            for (int i = 0; i < idx.length; i++) {
                idx[i] = from + i;
            }
            parts.add(forward.run(List.of(TensorDataset.rows(x, idx))));
        }
        List<HostTensor> out = new ArrayList<>();
        for (int k = 0; k < parts.get(0).size(); k++) {
            int output = k;
            out.add(concatRows(parts.stream().map(p -> p.get(output)).toList()));
        }
        return out;
    }

    /** The row-wise concatenation of tensors that agree in every dimension but the first. */
    public static HostTensor concatRows(List<HostTensor> parts) {
        if (parts.size() == 1) {
            return parts.get(0);
        }
        int rows = parts.stream().mapToInt(p -> p.shape().dim(0)).sum();
        int[] dims = parts.get(0).shape().dims();
        dims[0] = rows;
        double[] all = new double[parts.stream().mapToInt(HostTensor::size).sum()];
        int at = 0;
        for (HostTensor p : parts) {
            double[] v = p.toDoubleArray();
            System.arraycopy(v, 0, all, at, v.length);
            at += v.length;
        }
        return HostTensor.fromDoubles(parts.get(0).dtype(), Shape.of(dims), all);
    }
}
