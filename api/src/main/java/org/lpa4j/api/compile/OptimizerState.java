package org.lpa4j.api.compile;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import org.lpa4j.api.tensor.HostTensor;

/**
 * A train step's optimizer state copied to the host: the updates applied so far and every state tensor by name, in the
 * same names on every backend ({@value #MEAN}{@code <param>} and {@value #VARIANCE}{@code <param>} for Adam and AdamW,
 * {@value #VELOCITY}{@code <param>} for SGD with momentum; plain SGD has none). What a checkpoint saves so that training
 * continues exactly where it stopped.
 */
public record OptimizerState(long steps, Map<String, HostTensor> slots) {
    /** The prefix of Adam's first-moment estimates. */
    public static final String MEAN = "m/";
    /** The prefix of Adam's second-moment estimates. */
    public static final String VARIANCE = "v/";
    /** The prefix of SGD's momentum buffers. */
    public static final String VELOCITY = "velocity/";

    public OptimizerState {
        if (steps < 0) {
            throw new IllegalArgumentException("steps must be 0 or more but is " + steps);
        }
        slots = Collections.unmodifiableMap(new LinkedHashMap<>(Objects.requireNonNull(slots, "slots is null")));
    }
}
