package org.lpa4j.cli.option;

import java.math.BigDecimal;
import java.util.HashMap;
import java.util.Map;
import org.lpa4j.experiments.ExperimentOutput;
import org.lpa4j.experiments.ExperimentSettings;
import picocli.CommandLine.IDefaultValueProvider;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * The defaults of the training, task and architecture flags, read from the library's ({@link ExperimentSettings#defaultOf},
 * which takes them from the training configuration, task and architecture options, and {@link
 * ExperimentOutput.Checkpoints#DEFAULT}), so a flag left out and the library used without it give the same run, and the
 * help's {@code (default ...)} says what the library does.
 */
public final class LibraryDefaults implements IDefaultValueProvider {
    private static final Map<String, String> DEFAULTS = defaults();

    private static Map<String, String> defaults() {
        Map<String, String> defaults = new HashMap<>();
        // Each of fit's setting flags is named after its setting (--lr is lr), so every setting with a default gives its flag's.
        for (String setting : ExperimentSettings.names()) {
            if (ExperimentSettings.defaultOf(setting) != null) {
                defaults.put("--" + setting, ExperimentSettings.defaultOf(setting));
            }
        }
        ExperimentOutput.Checkpoints checkpoints = ExperimentOutput.Checkpoints.DEFAULT;
        defaults.put("--checkpoint-every", String.valueOf(checkpoints.everyEpochs()));
        defaults.put("--checkpoint-minutes", new BigDecimal(Double.toString(checkpoints.every().toSeconds() / 60.0)).stripTrailingZeros().toPlainString());
        return Map.copyOf(defaults);
    }

    @Override
    public String defaultValue(ArgSpec argument) {
        return argument instanceof OptionSpec option ? DEFAULTS.get(option.longestName()) : null;
    }
}
