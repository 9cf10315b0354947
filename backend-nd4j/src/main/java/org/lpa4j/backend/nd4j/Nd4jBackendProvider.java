package org.lpa4j.backend.nd4j;

import org.lpa4j.api.backend.Backend;
import org.lpa4j.api.backend.BackendException;
import org.lpa4j.api.backend.BackendProvider;
import org.nd4j.linalg.factory.Nd4j;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Registers the {@code nd4j} backend (ND4J SameDiff on the native CPU backend) with {@link java.util.ServiceLoader}.
 * Construction is cheap; {@link #create()} loads ND4J's native library (extracted by JavaCPP into its cache,
 * {@code ~/.javacpp/cache}, moved by {@code org.bytedeco.javacpp.cachedir}).
 */
public final class Nd4jBackendProvider implements BackendProvider {
    /** The backend's name. */
    public static final String NAME = "nd4j";
    /** The engine and version, known without loading native code. */
    public static final String DESCRIPTION = "ND4J SameDiff 1.0.0-M2.1 (nd4j-native, CPU)";
    /**
     * The system property that sets the threads per op of libnd4j and of its BLAS for this engine alone; when unset,
     * {@value org.lpa4j.api.spi.EngineThreads#PROPERTY}, else the machine's cores (see {@link org.lpa4j.api.spi.EngineThreads}).
     */
    public static final String THREADS_PROPERTY = "lpa4j.nd4j.threads";

    private static final Logger LOG = LoggerFactory.getLogger(Nd4jBackendProvider.class);

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public int priority() {
        return 10;
    }

    @Override
    public String description() {
        return DESCRIPTION;
    }

    @Override
    public Backend create() {
        String backend;
        try {
            backend = Nd4j.getBackend().getClass().getSimpleName();
            // Allocating one array forces the native library and its BLAS to load now, not in the first program.
            Nd4j.scalar(0.0f).close();
        } catch (RuntimeException | LinkageError e) {
            throw new BackendException("Backend '" + NAME + "' could not load ND4J's native CPU backend (" + e
                    + "). Check that org.nd4j:nd4j-native:1.0.0-M2.1 with classifier linux-x86_64 and org.bytedeco:javacpp are on "
                    + "the class path and that JavaCPP's cache directory (~/.javacpp/cache or org.bytedeco.javacpp.cachedir) is "
                    + "writable.", e);
        }
        Nd4jEngineSettings.apply();
        LOG.debug("Loaded ND4J backend {}", backend);
        return new Nd4jBackend(DESCRIPTION);
    }
}
