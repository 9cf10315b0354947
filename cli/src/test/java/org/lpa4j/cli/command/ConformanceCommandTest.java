package org.lpa4j.cli.command;

import org.lpa4j.cli.CliRun;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code conformance} chooses its backend through the one selection every command uses, with the same sentence. */
class ConformanceCommandTest {
    @Test
    void anUnknownBackendGetsTheSameSentenceAsInEveryOtherCommand(@TempDir Path dir) {
        CliRun conformance = CliRun.of("conformance", "--backend", "nope");
        CliRun fit = CliRun.of("fit", "--task", "surface:peaks2d", "--depth", "1", "--width", "4", "--epochs", "1", "--examples", "100",
                "--backend", "nope", "--out", dir.resolve("run").toString());
        assertEquals(2, conformance.code(), conformance.err());
        assertTrue(conformance.err().contains("Backend 'nope' was requested by the --backend option"), conformance.err());
        assertEquals(fit.err(), conformance.err());
    }
}
