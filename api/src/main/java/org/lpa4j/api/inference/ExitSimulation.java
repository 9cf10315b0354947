package org.lpa4j.api.inference;

import java.util.Arrays;
import java.util.List;
import org.lpa4j.api.Lpa4jException;
import org.lpa4j.api.tensor.HostTensor;
import org.lpa4j.api.tensor.Shape;

/**
 * Applies exit policies on the host to readouts already computed at every depth (e.g. by {@code predictAll} on a
 * validation split): the same decisions as {@link EarlyExit} without running the network again, so many candidate
 * policies can be compared cheaply. The signals of every row and depth are computed once.
 */
public final class ExitSimulation {
    private final List<HostTensor> readouts;
    private final DepthSignals[][] signals;
    private final int rows;
    private final int width;

    /** {@code readouts.get(k - 1)} holds depth k's readout of every row. */
    public ExitSimulation(List<HostTensor> readouts) {
        if (readouts.isEmpty()) {
            throw new Lpa4jException("An exit simulation needs the readouts of at least one depth.");
        }
        this.readouts = List.copyOf(readouts);
        this.rows = readouts.get(0).shape().dim(0);
        if (rows == 0) {
            throw new Lpa4jException("An exit simulation needs at least one row but the readouts have none.");
        }
        this.width = readouts.get(0).size() / rows;
        SignalTracker[] trackers = new SignalTracker[rows];
        Arrays.setAll(trackers, i -> new SignalTracker());
        signals = new DepthSignals[readouts.size()][rows];
        for (int k = 0; k < readouts.size(); k++) {
            double[] v = readouts.get(k).toDoubleArray();
            for (int i = 0; i < rows; i++) {
                signals[k][i] = trackers[i].next(v, i * width, width);
            }
        }
    }

    /** The number of depths. */
    public int depth() {
        return readouts.size();
    }

    /** The number of rows. */
    public int rows() {
        return rows;
    }

    /** The signals of row {@code i} at depth {@code k}. */
    public DepthSignals signals(int k, int i) {
        return signals[k - 1][i];
    }

    /** The depth each row leaves at under {@code policy}. */
    public int[] exitDepths(ExitPolicy policy) {
        int depth = depth();
        int[] out = new int[rows];
        for (int i = 0; i < rows; i++) {
            int k = 1;
            while (!policy.stops(k, depth, signals[k - 1][i])) {
                k++;
            }
            out[i] = k;
        }
        return out;
    }

    /** Each row's prediction and exit depth under {@code policy}. */
    public ExitResult apply(ExitPolicy policy) {
        int[] depths = exitDepths(policy);
        double[] out = new double[rows * width];
        double[][] values = new double[depth()][];
        for (int i = 0; i < rows; i++) {
            int k = depths[i] - 1;
            if (values[k] == null) {
                values[k] = readouts.get(k).toDoubleArray();
            }
            System.arraycopy(values[k], i * width, out, i * width, width);
        }
        HostTensor first = readouts.get(0);
        return new ExitResult(HostTensor.fromDoubles(first.dtype(), Shape.of(first.shape().dims()), out), depths);
    }
}
