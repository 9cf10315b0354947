package org.lpa4j.backend.nd4j;

import org.lpa4j.api.spi.EngineThreads;
import org.nd4j.linalg.api.ops.executioner.OpExecutioner;
import org.nd4j.linalg.factory.Nd4j;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How the backend sets ND4J's process-wide engine up once it has loaded: no per-op profiling, debug or verbose checks,
 * and the {@link EngineThreads} policy's threads per op in libnd4j and in OpenBLAS (the machine's cores unless {@code
 * -Dlpa4j.nd4j.threads=N} or {@code -Dlpa4j.threads=N} says otherwise; SameDiff runs one op at a time, so there is no
 * inter-op setting). libnd4j and OpenBLAS wait for every worker of an op at a barrier, so on a machine other busy
 * processes share, an op waits until a busy core schedules its worker: on the 2-core build machine under load a bench
 * step took about 10 times longer with 2 threads than with 1 (alternated in one JVM by {@code
 * scripts/backend-builds.sh backend-nd4j/target/classes backend-nd4j/target/classes --nd4j-threads 1,2}); such a caller
 * sets 1.
 */
final class Nd4jEngineSettings {
    /** The system property that sets the threads per op of libnd4j and of its BLAS. */
    static final String THREADS_PROPERTY = Nd4jBackendProvider.THREADS_PROPERTY;

    private static final Logger LOG = LoggerFactory.getLogger(Nd4jEngineSettings.class);

    private Nd4jEngineSettings() {
    }

    /** Applies the settings to the loaded engine; idempotent. */
    static void apply() {
        EngineThreads policy = threads();
        int threads = policy.intraOp();
        OpExecutioner executioner = Nd4j.getExecutioner();
        // The default mode (SCOPE_PANIC) checks every op's arrays against the open workspaces; lpa4j opens none.
        executioner.setProfilingMode(OpExecutioner.ProfilingMode.DISABLED);
        executioner.enableDebugMode(false);
        executioner.enableVerboseMode(false);
        // The threads one op may use; libnd4j's pool itself keeps its size (setMaxThreads cannot shrink it, measured).
        Nd4j.getEnvironment().setMaxMasterThreads(threads);
        Nd4j.factory().blas().setMaxThreads(threads);
        LOG.debug("ND4J runs its ops and its BLAS on {}", policy);
    }

    /** The thread policy: {@value #THREADS_PROPERTY}, else {@value EngineThreads#PROPERTY}, else the machine's cores. */
    static EngineThreads threads() {
        return EngineThreads.resolve(THREADS_PROPERTY);
    }
}
