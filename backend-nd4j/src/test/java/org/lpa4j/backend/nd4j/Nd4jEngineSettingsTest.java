package org.lpa4j.backend.nd4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.lpa4j.api.backend.Backend;
import org.lpa4j.api.backend.BackendException;
import org.lpa4j.api.spi.EngineThreads;
import org.nd4j.linalg.api.ops.executioner.OpExecutioner;
import org.nd4j.linalg.factory.Nd4j;

/** The engine settings the backend makes when it loads, and the thread-count properties. */
class Nd4jEngineSettingsTest {

    /** The build sets {@value EngineThreads#PROPERTY} for its tests; each test here starts without it and puts it back. */
    private final String buildThreads = System.getProperty(EngineThreads.PROPERTY);

    @BeforeEach
    void clearProperties() {
        System.clearProperty(EngineThreads.PROPERTY);
        System.clearProperty(Nd4jEngineSettings.THREADS_PROPERTY);
    }

    @AfterEach
    void restoreProperties() {
        System.clearProperty(Nd4jEngineSettings.THREADS_PROPERTY);
        if (buildThreads == null) {
            System.clearProperty(EngineThreads.PROPERTY);
        } else {
            System.setProperty(EngineThreads.PROPERTY, buildThreads);
        }
        new Nd4jBackendProvider().create().close();
    }

    @Test
    void loadingTheBackendUsesTheMachinesCoresAndNoProfiling() {
        try (Backend ignored = new Nd4jBackendProvider().create()) {
            assertEquals(EngineThreads.machineCores(), Nd4j.getEnvironment().maxMasterThreads());
            assertEquals(EngineThreads.machineCores(), Nd4j.factory().blas().getMaxThreads());
            assertEquals(OpExecutioner.ProfilingMode.DISABLED, Nd4j.getExecutioner().getProfilingMode());
        }
    }

    @Test
    void theSharedPropertySetsTheThreadsAndTheEnginesOwnWins() {
        System.setProperty(EngineThreads.PROPERTY, "1");
        try (Backend ignored = new Nd4jBackendProvider().create()) {
            assertEquals(1, Nd4j.getEnvironment().maxMasterThreads());
            assertEquals(1, Nd4j.factory().blas().getMaxThreads());
        }
        System.setProperty(Nd4jEngineSettings.THREADS_PROPERTY, " 3 ");
        assertEquals(3, Nd4jEngineSettings.threads().intraOp());
    }

    @Test
    void aThreadCountThatIsNotAPositiveNumberIsASentence() {
        for (String bad : new String[] {"0", "-2", "two"}) {
            System.setProperty(Nd4jEngineSettings.THREADS_PROPERTY, bad);
            BackendException e = assertThrows(BackendException.class, Nd4jEngineSettings::threads);
            assertTrue(e.getMessage().contains("whole number of at least 1"), e.getMessage());
            assertTrue(e.getMessage().contains(Nd4jEngineSettings.THREADS_PROPERTY + " is '" + bad + "'"), e.getMessage());
        }
    }
}
