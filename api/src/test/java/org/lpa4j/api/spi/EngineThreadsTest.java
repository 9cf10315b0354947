package org.lpa4j.api.spi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.lpa4j.api.backend.BackendException;

/** The thread policy: an engine's own property, else the shared one, else the machine's cores. */
class EngineThreadsTest {
    private static final String ENGINE = "lpa4j.test-engine.threads";
    /** The build sets {@value EngineThreads#PROPERTY} for its tests; each test here starts without it and puts it back. */
    private final String buildThreads = System.getProperty(EngineThreads.PROPERTY);

    @BeforeEach
    void clearProperties() {
        System.clearProperty(EngineThreads.PROPERTY);
        System.clearProperty(ENGINE);
    }

    @AfterEach
    void restoreProperties() {
        System.clearProperty(ENGINE);
        if (buildThreads == null) {
            System.clearProperty(EngineThreads.PROPERTY);
        } else {
            System.setProperty(EngineThreads.PROPERTY, buildThreads);
        }
    }

    @Test
    void withoutPropertiesEveryCoreOfTheMachine() {
        EngineThreads threads = EngineThreads.resolve(ENGINE);
        assertEquals(Runtime.getRuntime().availableProcessors(), threads.intraOp());
        assertEquals(Runtime.getRuntime().availableProcessors(), threads.interOp());
        assertTrue(threads.source().contains("core"), threads.source());
    }

    @Test
    void theSharedPropertyAppliesToEveryEngineAndAnEnginesOwnWins() {
        System.setProperty(EngineThreads.PROPERTY, "1");
        assertEquals(1, EngineThreads.resolve().intraOp());
        assertEquals(1, EngineThreads.resolve(ENGINE).interOp());
        System.setProperty(ENGINE, " 5 ");
        assertEquals(5, EngineThreads.resolve(ENGINE).intraOp());
        assertEquals("-D" + ENGINE + "=5", EngineThreads.resolve(ENGINE).source());
        assertEquals(1, EngineThreads.resolve().intraOp());
    }

    @Test
    void aValueThatIsNotACountIsASentenceNamingTheProperty() {
        for (String bad : new String[] {"0", "-2", "two"}) {
            System.setProperty(EngineThreads.PROPERTY, bad);
            BackendException e = assertThrows(BackendException.class, EngineThreads::resolve);
            assertTrue(e.getMessage().startsWith("The system property " + EngineThreads.PROPERTY + " is '" + bad + "'"), e.getMessage());
        }
    }
}
