package org.lpa4j.backend.onnxruntime;

import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtLoggingLevel;
import ai.onnxruntime.OrtSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The process's ONNX Runtime environment and the one intra-op thread pool that every session of lpa4j shares. ONNX
 * Runtime gives each session a pool of its own unless the environment has a global one; with a pool per program (a
 * model has one per depth and per block) their workers either sleep between ops, and waking them costs more than the
 * small ops of a call (the stem, the head's pooling), or spin, and then several pools spin on the same cores. One
 * shared pool whose workers spin, ONNX Runtime's own default for a session, avoids both. The environment exists once
 * per process and its pool's size is fixed when it is made: the first backend opened sets it, a backend opened later
 * with another thread count gives its sessions pools of their own (not spinning), and so does every backend where
 * something else made the environment first.
 */
final class OnnxRuntimeThreads {
    private static final Logger LOG = LoggerFactory.getLogger(OnnxRuntimeThreads.class);
    private static OrtEnvironment environment;
    /** The shared pool's threads per op; 0 when the environment has no pool of lpa4j's. */
    private static int sharedThreads;

    private OnnxRuntimeThreads() {
    }

    /** The process's environment, made on first use with a shared pool of {@code threads} per op when no one made it before. */
    static synchronized OrtEnvironment environment(int threads) throws OrtException {
        if (environment == null) {
            try (OrtEnvironment.ThreadingOptions pool = new OrtEnvironment.ThreadingOptions()) {
                pool.setGlobalIntraOpNumThreads(threads);
                pool.setGlobalInterOpNumThreads(1);
                pool.setGlobalSpinControl(true);
                environment = OrtEnvironment.getEnvironment(OrtLoggingLevel.ORT_LOGGING_LEVEL_ERROR, "lpa4j", pool);
                sharedThreads = threads;
            } catch (IllegalStateException e) {
                // Made before lpa4j's first backend (by the application's own ONNX Runtime code): no shared pool then.
                environment = OrtEnvironment.getEnvironment();
                sharedThreads = 0;
                LOG.debug("ONNX Runtime's environment existed before lpa4j opened it; sessions get pools of their own.");
            }
        }
        return environment;
    }

    /**
     * The options of a session of a backend with {@code threads} per op: the shared pool when it has that size, else a
     * pool of the session's own that does not spin; ops run one after another, every graph optimization on.
     */
    static synchronized OrtSession.SessionOptions sessionOptions(int threads) throws OrtException {
        OrtSession.SessionOptions options = new OrtSession.SessionOptions();
        try {
            if (threads == sharedThreads) {
                options.disablePerSessionThreads();
            } else {
                options.setIntraOpNumThreads(threads);
                options.setInterOpNumThreads(1);
                // Pools of their own do not spin: several spinning pools would take each other's cores.
                options.addConfigEntry("session.intra_op.allow_spinning", "0");
            }
            options.setExecutionMode(OrtSession.SessionOptions.ExecutionMode.SEQUENTIAL);
            options.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.ALL_OPT);
            return options;
        } catch (OrtException | RuntimeException e) {
            options.close();
            throw e;
        }
    }

    /** Whether sessions of a backend with {@code threads} per op share the process's pool (for tests and logs). */
    static synchronized boolean sharesPool(int threads) {
        return threads == sharedThreads;
    }
}
