package org.lpa4j.cli.option;

import java.util.Map;
import java.util.Optional;
import org.lpa4j.api.InvalidSettingException;
import picocli.CommandLine.Model.CommandSpec;

/** The command-line option behind each library setting, so a library message about a setting can name the option to change. */
public final class SettingFlags {
    private static final Map<String, String> FLAGS = Map.ofEntries(Map.entry("learningRate", "--lr"), Map.entry("batchSize", "--batch-size"),
            Map.entry("epochs", "--epochs"), Map.entry("context", "--context"), Map.entry("examples", "--examples"),
            Map.entry("limit", "--limit"), Map.entry("width", "--width"), Map.entry("heads", "--heads"), Map.entry("depth", "--depth"),
            Map.entry("dtype", "--dtype"), Map.entry("seed", "--seed"), Map.entry("patience", "--patience"),
            Map.entry("distillation", "--distill"), Map.entry("distillationTemperature", "--distill-temperature"),
            Map.entry("uniformEpochs", "--uniform-epochs"), Map.entry("shallowFirstEpochs", "--shallow-first-epochs"), Map.entry("layerDropout", "--layer-dropout"), Map.entry("form", "--form"),
            Map.entry("weighting", "--weighting"), Map.entry("gradientBalancing", "--balance"), Map.entry("depths", "--separate-depths"),
            Map.entry("gradeTolerance", "--grade-tolerance"), Map.entry("out", "--out"), Map.entry("replace", "--overwrite"),
            Map.entry("trainers", "--trainer"), Map.entry("seeds", "--seeds"), Map.entry("task", "--task"), Map.entry("architecture", "--arch"),
            Map.entry("maxLoss", "--max-loss"), Map.entry("length", "--length"), Map.entry("temperature", "--temperature"),
            Map.entry("labelSmoothing", "--label-smoothing"), Map.entry("weightDecay", "--weight-decay"),
            Map.entry("distillationDepths", "--distill-depths"), Map.entry("distillationReach", "--distill-reach"),
            Map.entry("readoutAdapter", "--readout-adapter"), Map.entry("readoutRank", "--readout-rank"),
            Map.entry("readoutPooling", "--readout-pooling"),
            Map.entry("temperatureCalibration", "--calibrate"),
            Map.entry("checkpointEvery", "--checkpoint-every"), Map.entry("checkpointMinutes", "--checkpoint-minutes"), Map.entry("resume", "--resume"));

    private SettingFlags() {
    }

    /** The option that sets the library setting {@code setting}, when the command line has one. */
    public static Optional<String> flag(String setting) {
        return Optional.ofNullable(FLAGS.get(setting));
    }

    /** The message of {@code e}, followed by the option of {@code command} that sets what it names, when it has one. */
    static String explain(InvalidSettingException e, CommandSpec command) {
        String flag = FLAGS.get(e.setting());
        return flag == null || command.findOption(flag) == null ? e.getMessage()
                : e.getMessage() + " (the " + e.setting() + " is set with " + flag + ")";
    }
}
