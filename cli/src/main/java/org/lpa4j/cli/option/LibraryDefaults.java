package org.lpa4j.cli.option;

import java.math.BigDecimal;
import java.util.Map;
import org.lpa4j.api.model.ArchitectureOptions;
import org.lpa4j.api.task.TaskOptions;
import org.lpa4j.api.training.TrainingConfig;
import org.lpa4j.experiments.ExperimentOutput;
import picocli.CommandLine.IDefaultValueProvider;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * The defaults of the training, task and architecture flags, read from the library's own ({@link
 * TrainingConfig#defaults()}, {@link TaskOptions#defaults()}, {@link ArchitectureOptions#of}, {@link
 * ExperimentOutput.Checkpoints#DEFAULT}), so a flag left out and
 * the library used without it give the same run, and the help's {@code (default ...)} says what the library does.
 */
public final class LibraryDefaults implements IDefaultValueProvider {
    private static final Map<String, String> DEFAULTS = defaults();

    private static Map<String, String> defaults() {
        TrainingConfig training = TrainingConfig.defaults();
        TaskOptions task = TaskOptions.defaults();
        ArchitectureOptions architecture = ArchitectureOptions.of(1, 1);
        ExperimentOutput.Checkpoints checkpoints = ExperimentOutput.Checkpoints.DEFAULT;
        return Map.ofEntries(Map.entry("--epochs", text(training.epochs())), Map.entry("--batch-size", text(training.batchSize())),
                Map.entry("--lr", text(training.learningRate())), Map.entry("--schedule", training.schedule().name()),
                Map.entry("--patience", text(training.patience())), Map.entry("--seed", text(training.seed())),
                Map.entry("--dtype", training.dtype().name()), Map.entry("--examples", text(task.examples())),
                Map.entry("--limit", text(task.limit())), Map.entry("--context", text(task.context())),
                Map.entry("--heads", text(architecture.heads())), Map.entry("--activation", architecture.activation().name()),
                Map.entry("--checkpoint-every", text(checkpoints.everyEpochs())),
                Map.entry("--checkpoint-minutes", text(checkpoints.every().toSeconds() / 60.0)));
    }

    /** {@code value} as a user writes it: 0.003, 5, not 0.0030 or 5.0. */
    private static String text(double value) {
        return new BigDecimal(Double.toString(value)).stripTrailingZeros().toPlainString();
    }

    @Override
    public String defaultValue(ArgSpec argument) {
        return argument instanceof OptionSpec option ? DEFAULTS.get(option.longestName()) : null;
    }
}
