package org.lpa4j.backend.nd4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.lpa4j.api.backend.Backend;
import org.lpa4j.api.backend.BackendException;
import org.nd4j.linalg.api.ops.executioner.OpExecutioner;
import org.nd4j.linalg.factory.Nd4j;

/** The engine settings the backend makes when it loads, and the thread-count property. */
class Nd4jEngineSettingsTest {

    @AfterEach
    void clearProperty() {
        System.clearProperty(Nd4jEngineSettings.THREADS_PROPERTY);
    }

    @Test
    void loadingTheBackendSetsOneThreadAndNoProfiling() {
        try (Backend ignored = new Nd4jBackendProvider().create()) {
            assertEquals(1, Nd4j.getEnvironment().maxMasterThreads());
            assertEquals(1, Nd4j.factory().blas().getMaxThreads());
            assertEquals(OpExecutioner.ProfilingMode.DISABLED, Nd4j.getExecutioner().getProfilingMode());
        }
    }

    @Test
    void thePropertySetsTheThreadCount() {
        System.setProperty(Nd4jEngineSettings.THREADS_PROPERTY, " 3 ");
        assertEquals(3, Nd4jEngineSettings.threads());
    }

    @Test
    void aThreadCountThatIsNotAPositiveNumberIsASentence() {
        for (String bad : new String[] {"0", "-2", "two"}) {
            System.setProperty(Nd4jEngineSettings.THREADS_PROPERTY, bad);
            BackendException e = assertThrows(BackendException.class, Nd4jEngineSettings::threads);
            assertTrue(e.getMessage().contains(Nd4jEngineSettings.THREADS_PROPERTY + " is '" + bad + "'"), e.getMessage());
        }
    }
}
