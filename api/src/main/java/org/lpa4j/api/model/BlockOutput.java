package org.lpa4j.api.model;

import java.util.Objects;
import org.lpa4j.api.tensor.HostTensor;

/**
 * What one residual block hands on: the state {@code h_l} that the next block continues from and the readout
 * {@code yhat_l = head(h_l)}, both with one row per example.
 */
public record BlockOutput(HostTensor state, HostTensor readout) {
    public BlockOutput {
        Objects.requireNonNull(state, "state is null");
        Objects.requireNonNull(readout, "readout is null");
    }
}
