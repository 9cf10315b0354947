package org.lpa4j.cli.option;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.lpa4j.api.spi.EngineThreads;
import org.lpa4j.cli.CliRun;

/** {@code --threads} on every command: it sets the engines' thread policy, and a count below 1 is a sentence. */
class ThreadsOptionTest {
    private static final String[] COMMANDS = {"backends", "fit", "demo", "conformance", "multigrade-reference", "generate", "construct", "evaluate", "predict"};

    /** The build sets {@value EngineThreads#PROPERTY} for its tests; put it back after each. */
    private final String buildThreads = System.getProperty(EngineThreads.PROPERTY);

    @AfterEach
    void restoreProperty() {
        if (buildThreads == null) {
            System.clearProperty(EngineThreads.PROPERTY);
        } else {
            System.setProperty(EngineThreads.PROPERTY, buildThreads);
        }
    }

    @Test
    void everyCommandOffersTheOption() {
        for (String command : COMMANDS) {
            CliRun help = CliRun.of(command, "--help");
            assertEquals(0, help.code(), command);
            assertTrue(help.out().contains("--threads=N"), command + ": " + help.out());
        }
    }

    @Test
    void theOptionSetsThePolicyOfEveryEngine() {
        // The task does not exist, so the command stops after parsing, before any backend opens.
        CliRun run = CliRun.of("fit", "--threads", "3", "--task", "surface:nope");
        assertEquals(2, run.code(), run.err());
        assertEquals("3", System.getProperty(EngineThreads.PROPERTY));
        assertEquals(3, EngineThreads.resolve().intraOp());
    }

    @Test
    void aCountBelowOneIsASentence() {
        CliRun run = CliRun.of("demo", "--threads", "0");
        assertEquals(2, run.code());
        assertTrue(run.err().contains("--threads is 0, but an engine needs at least 1 thread"), run.err());
    }
}
