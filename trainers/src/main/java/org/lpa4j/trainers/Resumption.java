package org.lpa4j.trainers;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.lpa4j.api.InvalidSettingException;
import org.lpa4j.api.training.Checkpointing;
import org.lpa4j.api.training.TrainingCheckpoint;

/**
 * The checkpoint a resumed run continues from (for trainers of several stages, which skip the stages it has done): it must exist, and its run must have had every setting of this one
 * (trainer, options, configuration, network and data); each difference is named, so the user can repeat the settings
 * the checkpoint was written with or start afresh.
 */
public final class Resumption {
    private Resumption() {
    }

    /** The stored checkpoint of a run with exactly {@code identity}, or a sentence naming what differs. */
    public static TrainingCheckpoint load(Checkpointing checkpoints, Map<String, String> identity) {
        TrainingCheckpoint from = checkpoints.store().load().orElseThrow(() -> new InvalidSettingException("resume",
                "There is no checkpoint in " + checkpoints.store() + " to resume from: the run wrote none (it stopped before its first"
                        + " checkpoint), or it finished and its checkpoint was removed. Start the run afresh."));
        List<String> differences = new ArrayList<>();
        Set<String> names = new LinkedHashSet<>(from.identity().keySet());
        names.addAll(identity.keySet());
        for (String name : names) {
            String then = from.identity().get(name);
            String now = identity.get(name);
            if (then == null || !then.equals(now)) {
                differences.add(name + " is " + (now == null ? "not set" : now) + " here but was " + (then == null ? "not set" : then));
            }
        }
        if (!differences.isEmpty()) {
            throw new InvalidSettingException(differences.get(0).substring(0, differences.get(0).indexOf(' ')), "The checkpoint in "
                    + checkpoints.store() + " belongs to another run: " + String.join("; ", differences) + ". Resume with the settings"
                    + " and data the checkpoint was written with, or start afresh without resuming.");
        }
        return from;
    }
}
