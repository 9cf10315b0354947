package org.lpa4j.backend.onnxruntime;

import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import org.lpa4j.api.backend.Backend;
import org.lpa4j.api.backend.BackendException;
import org.lpa4j.api.backend.BackendProvider;
import org.lpa4j.api.spi.EngineThreads;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The service provider of the {@code onnxruntime} backend. Constructing it loads nothing; {@link #create()} loads ONNX
 * Runtime's native library (from inside its jar: nothing is downloaded). Its priority is the lowest, so that discovery
 * never picks an inference-only engine when a training engine is present; choose it by name.
 */
public final class OnnxRuntimeBackendProvider implements BackendProvider {
    private static final Logger LOG = LoggerFactory.getLogger(OnnxRuntimeBackendProvider.class);

    /** The ONNX Runtime release this module is built against. */
    static final String ONNX_RUNTIME_VERSION = "1.23.0";
    /** The system property that sets ONNX Runtime's threads per op (intra-op threads); else the policy of {@link EngineThreads}. */
    public static final String THREADS_PROPERTY = "lpa4j.onnxruntime.threads";

    @Override
    public String name() {
        return OnnxRuntimeBackend.NAME;
    }

    @Override
    public int priority() {
        return 0;
    }

    @Override
    public String description() {
        return "ONNX Runtime " + ONNX_RUNTIME_VERSION + " (CPU, inference only)";
    }

    @Override
    public Backend create() {
        int threads = EngineThreads.resolve(THREADS_PROPERTY).intraOp();
        OrtEnvironment env;
        String version;
        try {
            env = OnnxRuntimeThreads.environment(threads);
            version = env.getVersion();
        } catch (OrtException | RuntimeException | LinkageError e) {
            throw new BackendException("Backend 'onnxruntime' could not load ONNX Runtime " + ONNX_RUNTIME_VERSION + "'s native library: " + e
                    + ". Check that com.microsoft.onnxruntime:onnxruntime:" + ONNX_RUNTIME_VERSION + " is on the classpath and that this"
                    + " platform is one it ships a library for (linux-x64 is).", e);
        }
        LOG.debug("Loaded ONNX Runtime {} with {} thread(s) per op ({}).", version, threads,
                OnnxRuntimeThreads.sharesPool(threads) ? "the process's shared pool" : "a pool per session");
        return new OnnxRuntimeBackend(env, version, threads);
    }
}
