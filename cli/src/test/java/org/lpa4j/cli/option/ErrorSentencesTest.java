package org.lpa4j.cli.option;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lpa4j.api.InvalidSettingException;
import org.lpa4j.api.backend.BackendException;
import org.lpa4j.api.training.TrainingConfig;
import org.lpa4j.cli.CliRun;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/** A library message says what to change in library terms; the command line adds its own flag, and only one the command has. */
class ErrorSentencesTest {

    @Test
    void aSettingIsCompletedWithTheFlagOnlyWhereTheCommandHasIt() {
        InvalidSettingException e = new InvalidSettingException("learningRate", "learningRate must be a positive number but is -1.0.");
        CommandSpec withLr = CommandSpec.create().addOption(OptionSpec.builder("--lr").type(double.class).build());
        assertEquals("learningRate must be a positive number but is -1.0. (the learningRate is set with --lr)", ErrorSentences.of(e, withLr));
        assertEquals("learningRate must be a positive number but is -1.0.", ErrorSentences.of(e, CommandSpec.create()));
    }

    @Test
    void aBackendErrorPointsToTheBackendsCommandWhereTheCommandChoosesABackend() {
        BackendException e = new BackendException("Backend 'x' failed to load its engine.");
        CommandSpec withBackend = CommandSpec.create().addOption(OptionSpec.builder("--backend").type(String.class).build());
        assertEquals("Backend 'x' failed to load its engine." + ErrorSentences.BACKENDS, ErrorSentences.of(e, withBackend));
        assertEquals("Backend 'x' failed to load its engine.", ErrorSentences.of(e, CommandSpec.create()));
    }

    @Test
    void theLibrarysBatchSizeCheckNamesFitsFlag(@TempDir Path dir) {
        InvalidSettingException refused = assertThrows(InvalidSettingException.class, () -> TrainingConfig.defaults().withBatchSize(0));
        assertEquals("batchSize", refused.setting());
        CliRun r = CliRun.of("fit", "--task", "surface:peaks2d", "--batch-size", "0", "--backend", "tensorflow", "--out", dir.resolve("run").toString());
        assertEquals(2, r.code(), r.err());
        assertEquals("error: " + refused.getMessage() + " (the batchSize is set with --batch-size)\n", r.err());
        assertTrue(Files.notExists(dir.resolve("run")), "nothing written for a refused run");
    }
}
