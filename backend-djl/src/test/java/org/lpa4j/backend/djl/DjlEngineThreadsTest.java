package org.lpa4j.backend.djl;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.pytorch.jni.JniUtils;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.lpa4j.api.backend.Backend;
import org.lpa4j.api.spi.EngineThreads;

/** PyTorch's threads per op follow the {@link EngineThreads} policy each time the backend is created. */
class DjlEngineThreadsTest {
    /** The build sets {@value EngineThreads#PROPERTY} for its tests; each test here starts without it and puts it back. */
    private final String buildThreads = System.getProperty(EngineThreads.PROPERTY);

    @BeforeEach
    void clearProperties() {
        System.clearProperty(EngineThreads.PROPERTY);
        System.clearProperty(DjlBackendProvider.THREADS_PROPERTY);
    }

    @AfterEach
    void restoreProperties() {
        System.clearProperty(DjlBackendProvider.THREADS_PROPERTY);
        if (buildThreads == null) {
            System.clearProperty(EngineThreads.PROPERTY);
        } else {
            System.setProperty(EngineThreads.PROPERTY, buildThreads);
        }
        new DjlBackendProvider().create().close();
    }

    @Test
    void withoutAPropertyEveryCoreWorksOnAnOp() {
        try (Backend ignored = new DjlBackendProvider().create()) {
            assertEquals(EngineThreads.machineCores(), JniUtils.getNumThreads());
        }
    }

    @Test
    void theSharedPropertySetsTheThreadsAndTheEnginesOwnWins() {
        System.setProperty(EngineThreads.PROPERTY, "1");
        try (Backend ignored = new DjlBackendProvider().create()) {
            assertEquals(1, JniUtils.getNumThreads());
        }
        System.setProperty(DjlBackendProvider.THREADS_PROPERTY, "3");
        try (Backend ignored = new DjlBackendProvider().create()) {
            assertEquals(3, JniUtils.getNumThreads());
        }
    }
}
