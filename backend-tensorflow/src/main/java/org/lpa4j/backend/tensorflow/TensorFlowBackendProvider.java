package org.lpa4j.backend.tensorflow;

import org.lpa4j.api.backend.Backend;
import org.lpa4j.api.backend.BackendException;
import org.lpa4j.api.backend.BackendProvider;
import org.lpa4j.api.spi.EngineThreads;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The service provider of the {@code tensorflow} backend. Constructing it loads nothing; {@link #create()} loads
 * TensorFlow's native library.
 *
 * <p>Native logging: TensorFlow reads {@code TF_CPP_MIN_LOG_LEVEL} from the process environment when its library
 * loads, and a JVM cannot change its own environment, so the backend cannot set it; set
 * {@code TF_CPP_MIN_LOG_LEVEL=2} before starting the JVM to hide TensorFlow's informational lines (this module's
 * tests do so in surefire). TensorFlow 2.18 still prints one absl line ("MLIR V1 optimization pass is not enabled")
 * at the first run whatever the level.
 */
public final class TensorFlowBackendProvider implements BackendProvider {
    private static final Logger LOG = LoggerFactory.getLogger(TensorFlowBackendProvider.class);

    /** The TensorFlow Java release this module is built against. */
    static final String TENSORFLOW_JAVA_VERSION = "1.1.0";

    /**
     * The system property that sets TensorFlow's intra-op and inter-op threads for this engine alone; when unset, {@value
     * EngineThreads#PROPERTY}, else the machine's cores (see {@link EngineThreads}).
     */
    public static final String THREADS_PROPERTY = "lpa4j.tensorflow.threads";

    @Override
    public String name() {
        return TensorFlowBackend.NAME;
    }

    @Override
    public int priority() {
        return 30;
    }

    @Override
    public String description() {
        return "TensorFlow 2.18 via TensorFlow Java " + TENSORFLOW_JAVA_VERSION + " (graph mode, CPU)";
    }

    @Override
    public Backend create() {
        String version;
        try {
            version = org.tensorflow.TensorFlow.version();
        } catch (RuntimeException | LinkageError e) {
            throw new BackendException("Backend 'tensorflow' could not load TensorFlow Java " + TENSORFLOW_JAVA_VERSION
                    + "'s native library: " + e + ". Check that org.tensorflow:tensorflow-core-native:" + TENSORFLOW_JAVA_VERSION
                    + " with the classifier of this platform is on the classpath, and that javacpp is 1.5.11.", e);
        }
        EngineThreads threads = EngineThreads.resolve(THREADS_PROPERTY);
        LOG.debug("Loaded TensorFlow {} (TensorFlow Java {}), {}.", version, TENSORFLOW_JAVA_VERSION, threads);
        return new TensorFlowBackend(version, threads);
    }
}
