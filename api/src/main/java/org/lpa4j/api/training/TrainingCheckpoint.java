package org.lpa4j.api.training;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import org.lpa4j.api.compile.OptimizerState;
import org.lpa4j.api.params.ParameterSet;

/**
 * Everything an exact continuation of a training run needs, taken at the end of an epoch: which run it belongs to
 * ({@code identity}: every setting and the data's checksum, by name), where it stands (stage, epochs completed, steps
 * applied, wall time so far), the weights, the optimizer's state, and the loop's own state (divergence check, early
 * stopping with its best weights, the objective's running values and random draws). A {@code finished} checkpoint holds
 * a stage's final weights. The learning-rate schedule and the shuffling follow from the epoch and step.
 *
 * @param identity      the settings a resumed run must share with this one, by name (values as text)
 * @param stage         0 for single-stage trainers, k for a multigrade grade
 * @param epoch         epochs completed in this stage
 * @param step          optimizer steps applied in this stage
 * @param seconds       training time spent in this stage so far
 * @param finished      whether the stage ended (its last epoch, or early stopping): {@code parameters} are then its result
 * @param parameters    every weight of the store
 * @param optimizer     the train step's state (null when finished)
 * @param bestParameters the best weights early stopping keeps, or null
 * @param loopState     numbers of the loop and the objective by name (e.g. the divergence check's first loss, running losses)
 */
public record TrainingCheckpoint(Map<String, String> identity, int stage, int epoch, long step, double seconds, boolean finished,
                                 ParameterSet parameters, OptimizerState optimizer, ParameterSet bestParameters,
                                 Map<String, double[]> loopState) {
    public TrainingCheckpoint {
        identity = Collections.unmodifiableMap(new LinkedHashMap<>(Objects.requireNonNull(identity, "identity is null")));
        Objects.requireNonNull(parameters, "parameters is null");
        loopState = Collections.unmodifiableMap(new LinkedHashMap<>(Objects.requireNonNull(loopState, "loopState is null")));
    }
}
