package org.lpa4j.cli.option;

import java.util.Map;
import org.lpa4j.api.InvalidSettingException;

/** The command-line option behind each library setting, so a library message about a setting can name the option to change. */
public final class SettingFlags {
    private static final Map<String, String> FLAGS = Map.ofEntries(Map.entry("learningRate", "--lr"), Map.entry("batchSize", "--batch-size"),
            Map.entry("epochs", "--epochs"), Map.entry("context", "--context"), Map.entry("examples", "--examples"),
            Map.entry("limit", "--limit"), Map.entry("width", "--width"), Map.entry("heads", "--heads"), Map.entry("depth", "--depth"),
            Map.entry("dtype", "--dtype"), Map.entry("seed", "--seed"));

    private SettingFlags() {
    }

    /** The message of {@code e}, followed by the option that sets what it names, when there is one. */
    public static String explain(InvalidSettingException e) {
        String flag = FLAGS.get(e.setting());
        return flag == null ? e.getMessage() : e.getMessage() + " (the " + e.setting() + " is set with " + flag + ")";
    }
}
