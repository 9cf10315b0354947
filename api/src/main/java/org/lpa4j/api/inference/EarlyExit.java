package org.lpa4j.api.inference;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.lpa4j.api.Lpa4jException;
import org.lpa4j.api.compile.ResidentTensor;
import org.lpa4j.api.data.TensorDataset;
import org.lpa4j.api.model.ProgressiveModel;
import org.lpa4j.api.model.ResidentBlockOutput;
import org.lpa4j.api.model.RowBatches;
import org.lpa4j.api.tensor.HostTensor;
import org.lpa4j.api.tensor.Shape;

/**
 * Runs a batch through a progressive model one block at a time and lets each row leave at its own depth: after block
 * l the rows whose policy says stop keep readout l, and only the others continue from their state {@code h_l}
 * through block l + 1. The state stays in the engine ({@link ResidentTensor}): the rows that continue are selected there,
 * inside the next block's program, and only each block's readout comes to the host, where the policy decides; the last few rows
 * run their remaining blocks in one program (see {@link #FINISH_TOGETHER_ROWS}). A fixed depth runs the one depth-k
 * program instead.
 */
public final class EarlyExit {
    /**
     * When at most this many rows are still running (and at most 1/{@link #TAIL_SHARE} of the batch), the blocks up to the
     * cap run for them in one program: a few rows cost little compute, while a program call per block costs about as much
     * as a call for the whole batch.
     */
    public static final int FINISH_TOGETHER_ROWS = 32;
    /**
     * ...and at most this share (1/{@value}) of the batch: the tail of a large batch. A small batch keeps going block by
     * block, since finishing together computes every block up to the cap for rows that might have left earlier.
     */
    public static final int TAIL_SHARE = 8;
    private final ProgressiveModel model;
    private final ExitPolicy policy;

    public EarlyExit(ProgressiveModel model, ExitPolicy policy) {
        this.model = java.util.Objects.requireNonNull(model, "model is null");
        this.policy = java.util.Objects.requireNonNull(policy, "policy is null");
    }

    /** Each row's prediction and exit depth, computed a slice of {@link RowBatches#DEFAULT_ROWS} rows at a time. */
    public ExitResult run(HostTensor x) {
        int n = x.shape().dim(0);
        if (n == 0) {
            throw new Lpa4jException("Early exit needs at least one input row but got none.");
        }
        List<ExitResult> parts = new ArrayList<>();
        for (int from = 0; from < n; from += RowBatches.DEFAULT_ROWS) {
            int to = Math.min(n, from + RowBatches.DEFAULT_ROWS);
            parts.add(runSlice(from == 0 && to == n ? x : TensorDataset.rows(x, range(from, to))));
        }
        if (parts.size() == 1) {
            return parts.get(0);
        }
        HostTensor predictions = RowBatches.concatRows(parts.stream().map(ExitResult::predictions).toList());
        int[] depths = parts.stream().flatMapToInt(p -> Arrays.stream(p.depths())).toArray();
        return new ExitResult(predictions, depths);
    }

    private ExitResult runSlice(HostTensor x) {
        int n = x.shape().dim(0);
        int depth = model.depth();
        if (policy instanceof ExitPolicy.FixedDepth fixed) {
            int k = Math.min(fixed.depth(), depth);
            int[] depths = new int[n];
            Arrays.fill(depths, k);
            return new ExitResult(model.predict(x, k), depths);
        }
        SignalTracker[] trackers = new SignalTracker[n];
        Arrays.setAll(trackers, i -> new SignalTracker());
        int[] depths = new int[n];
        int[] active = range(0, n);
        ResidentBlockOutput out = model.firstBlockResident(x);
        ResidentTensor state = out.state();
        try {
            HostTensor readoutTensor = out.readout();
            int width = readoutTensor.size() / n;
            double[] predictions = new double[n * width];
            for (int k = 1; ; k++) {
                double[] readout = readoutTensor.toDoubleArray();
                int[] staying = new int[active.length];
                int stay = 0;
                for (int j = 0; j < active.length; j++) {
                    int row = active[j];
                    if (policy.stops(k, depth, trackers[row].next(readout, j * width, width))) {
                        System.arraycopy(readout, j * width, predictions, row * width, width);
                        depths[row] = k;
                    } else {
                        staying[stay++] = j;
                    }
                }
                if (stay == 0) {
                    return result(readoutTensor, n, predictions, depths);
                }
                // The rows that stay are selected inside the next program (no call of its own), unless all stay.
                int[] keep = null;
                if (stay < active.length) {
                    keep = Arrays.copyOf(staying, stay);
                    int[] next = new int[stay];
                    for (int j = 0; j < stay; j++) {
                        next[j] = active[keep[j]];
                    }
                    active = next;
                }
                int last = Math.min(policy.cap(), depth);
                if (stay <= Math.min(FINISH_TOGETHER_ROWS, n / TAIL_SHARE) && k + 1 < last) {
                    finish(k + 1, last, state, keep, active, trackers, predictions, depths, width);
                    return result(readoutTensor, n, predictions, depths);
                }
                ResidentBlockOutput next = keep == null ? model.nextBlockResident(k + 1, state) : model.nextBlockResident(k + 1, state, keep);
                state.close();
                state = next.state();
                readoutTensor = next.readout();
            }
        } finally {
            state.close();
        }
    }

    /**
     * The last few rows: blocks {@code from..last} in one program for the rows {@code keep} of the state (all of them when
     * null), then each row's exit decided on the host as usual.
     */
    private void finish(int from, int last, ResidentTensor state, int[] keep, int[] active, SignalTracker[] trackers, double[] predictions,
            int[] depths, int width) {
        List<HostTensor> out = keep == null ? model.readoutsFromResident(from, last, state) : model.readoutsFromResident(from, last, state, keep);
        double[][] readouts = out.stream().map(HostTensor::toDoubleArray).toArray(double[][]::new);
        int depth = model.depth();
        for (int j = 0; j < active.length; j++) {
            int row = active[j];
            for (int k = from; k <= last; k++) {
                double[] readout = readouts[k - from];
                if (policy.stops(k, depth, trackers[row].next(readout, j * width, width))) {
                    System.arraycopy(readout, j * width, predictions, row * width, width);
                    depths[row] = k;
                    break;
                }
            }
        }
    }

    /** The predictions of all {@code n} rows, shaped like {@code readout} but for the row count. */
    private static ExitResult result(HostTensor readout, int n, double[] predictions, int[] depths) {
        int[] dims = readout.shape().dims();
        dims[0] = n;
        return new ExitResult(HostTensor.fromDoubles(readout.dtype(), Shape.of(dims), predictions), depths);
    }

    private static int[] range(int from, int to) {
        int[] idx = new int[to - from];
        Arrays.setAll(idx, i -> from + i);
        return idx;
    }
}
