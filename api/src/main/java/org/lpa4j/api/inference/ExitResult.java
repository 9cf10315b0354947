package org.lpa4j.api.inference;

import java.util.Arrays;
import java.util.Objects;
import org.lpa4j.api.Lpa4jException;
import org.lpa4j.api.tensor.HostTensor;

/** Early exit's answer for a batch: each row's prediction (the readout at the depth it left) and that depth. */
public record ExitResult(HostTensor predictions, int[] depths) {
    public ExitResult {
        Objects.requireNonNull(predictions, "predictions is null");
        Objects.requireNonNull(depths, "depths is null");
        if (predictions.shape().dim(0) != depths.length) {
            throw new Lpa4jException("An exit result needs one depth per prediction row but has " + predictions.shape().dim(0)
                    + " rows and " + depths.length + " depths.");
        }
        depths = depths.clone();
    }

    @Override
    public int[] depths() {
        return depths.clone();
    }

    /** The depth row {@code i} left at. */
    public int depth(int i) {
        return depths[i];
    }

    /** The mean depth the rows left at: the mean number of blocks run per row. */
    public double meanDepth() {
        return Arrays.stream(depths).average().orElse(0);
    }

    /** How many rows left at each depth 1..{@code depth} (index k - 1 counts depth k). */
    public long[] histogram(int depth) {
        long[] counts = new long[depth];
        for (int d : depths) {
            counts[d - 1]++;
        }
        return counts;
    }
}
