package org.lpa4j.cli.fit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.lpa4j.api.model.ArchitectureOptions;
import org.lpa4j.api.task.TaskOptions;
import org.lpa4j.api.training.TrainingConfig;
import org.lpa4j.cli.CliRun;
import org.lpa4j.experiments.Experiment;
import org.lpa4j.experiments.ExperimentOutput;

/** {@link FitOptions}: a flag left out gives the library's own default, and the help says which. */
class FitOptionsTest {

    @Test
    void everyLeftOutSettingIsTheLibrarysDefault() {
        FitOptions options = FitOptions.parse("--task", "surface:peaks2d");
        Experiment experiment = options.experiment();
        assertEquals(TrainingConfig.defaults(), experiment.config());
        assertEquals(TaskOptions.defaults(), experiment.taskOptions());
        ArchitectureOptions library = ArchitectureOptions.of(experiment.architectureOptions().depth(), experiment.architectureOptions().width());
        assertEquals(library, experiment.architectureOptions());
        assertEquals(ExperimentOutput.Checkpoints.DEFAULT, options.checkpoints());
    }

    @Test
    void theHelpShowsTheLibrarysDefaults() {
        String help = CliRun.of("fit", "--help").out().replaceAll("\\s+", " ");
        TrainingConfig defaults = TrainingConfig.defaults();
        assertTrue(help.contains("base learning rate, cosine-decayed (default " + defaults.learningRate() + ")"), help);
        assertTrue(help.contains("(default " + ArchitectureOptions.DEFAULT_ACTIVATION + ")"), help);
        assertTrue(help.contains("mini-batch size (default " + defaults.batchSize() + ")"), help);
    }
}
