package org.lpa4j.api.model;

import java.util.Objects;
import org.lpa4j.api.compile.ResidentTensor;
import org.lpa4j.api.tensor.HostTensor;

/**
 * What one residual block hands on when its state stays in the engine: the state {@code h_l} (the caller closes it) and
 * the readout {@code yhat_l} on the host, the only value an exit decision reads.
 */
public record ResidentBlockOutput(ResidentTensor state, HostTensor readout) {
    public ResidentBlockOutput {
        Objects.requireNonNull(state, "state is null");
        Objects.requireNonNull(readout, "readout is null");
    }
}
