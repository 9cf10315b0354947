package org.lpa4j.backend.djl;

import ai.djl.engine.Engine;
import ai.djl.pytorch.jni.JniUtils;
import org.lpa4j.api.backend.Backend;
import org.lpa4j.api.backend.BackendException;
import org.lpa4j.api.backend.BackendProvider;
import org.lpa4j.api.spi.EngineThreads;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Registers the {@code djl} backend (PyTorch through DJL) with {@link java.util.ServiceLoader}. Construction is cheap;
 * {@link #create()} forces DJL offline, then loads the PyTorch native library from the {@code pytorch-native-cpu} jar.
 *
 * <p>DJL reads {@code ai.djl.offline} (as the fallback of the environment variable {@code DJL_OFFLINE}, see
 * {@code ai.djl.util.Utils.isOfflineMode}) and {@code OPT_OUT_TRACKING} (environment variable first, then the system
 * property of the same name, see {@code Utils.getEnvOrSystemProperty} used by {@code Ec2Utils.callHome}). Both are set
 * as system properties here before the first {@code Engine} call, so DJL neither downloads native libraries nor posts
 * telemetry. The native library is extracted from the jar into DJL's cache ({@code ~/.djl.ai}, moved by
 * {@code DJL_CACHE_DIR}).
 */
public final class DjlBackendProvider implements BackendProvider {
    /** The backend's name. */
    public static final String NAME = "djl";
    /** The engine and version, known without loading native code. */
    public static final String DESCRIPTION = "PyTorch 2.7.1 (CPU) via DJL 0.35.1";

    /**
     * The system property that sets PyTorch's threads per op (intra-op threads) for this engine alone; when unset, {@value
     * EngineThreads#PROPERTY}, else the machine's cores (see {@link EngineThreads}).
     */
    public static final String THREADS_PROPERTY = "lpa4j.djl.threads";

    private static final Logger LOG = LoggerFactory.getLogger(DjlBackendProvider.class);

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public int priority() {
        return 20;
    }

    @Override
    public String description() {
        return DESCRIPTION;
    }

    @Override
    public Backend create() {
        forceOffline();
        Engine engine;
        try {
            engine = Engine.getEngine("PyTorch");
        } catch (RuntimeException | LinkageError e) {
            throw new BackendException("Backend '" + NAME + "' could not load the PyTorch engine (" + e
                    + "). Check that ai.djl.pytorch:pytorch-native-cpu:2.7.1:linux-x86_64 and ai.djl.pytorch:pytorch-jni:2.7.1-0.35.1 "
                    + "are on the class path and that DJL's cache directory (~/.djl.ai or DJL_CACHE_DIR) is writable.", e);
        }
        if (engine == null) {
            throw new BackendException("Backend '" + NAME + "' found no PyTorch engine in DJL; add ai.djl.pytorch:pytorch-engine:0.35.1 "
                    + "to the class path.");
        }
        // PyTorch's OpenMP workers wait for each other at every op: on a 2-core machine with another busy process, a bench
        // step took 15 times as long with 2 threads as with 1 (1215 ms against 79 ms at load average 8-10), so a caller on
        // a shared machine sets 1. Eager PyTorch runs one op after another: its inter-op pool serves only TorchScript's
        // forks, which lpa4j never makes, so only the intra-op count is set (it may change at any time, the other not).
        EngineThreads threads = EngineThreads.resolve(THREADS_PROPERTY);
        JniUtils.setNumThreads(threads.intraOp());
        LOG.debug("Loaded DJL engine {} {}, {}", engine.getEngineName(), engine.getVersion(), threads);
        warnOfOneDnnIsa();
        return new DjlBackend(engine);
    }

    /**
     * PyTorch 2.7.1's oneDNN computes wrong float32 conv2d results on some AVX-512 CPUs (AMD EPYC here: zero and garbage
     * gradients with its AVX-512 kernels, now and then a NaN with its AVX2 ones); with {@code ONEDNN_MAX_CPU_ISA=SSE41},
     * which oneDNN reads from the environment before the JVM could set it, they are right. Says so once where it may apply.
     */
    private static void warnOfOneDnnIsa() {
        if (System.getenv("ONEDNN_MAX_CPU_ISA") != null) {
            return;
        }
        try {
            java.nio.file.Path cpuinfo = java.nio.file.Path.of("/proc/cpuinfo");
            if (java.nio.file.Files.isReadable(cpuinfo) && java.nio.file.Files.readString(cpuinfo).contains(" avx512f")) {
                LOG.warn("This CPU has AVX-512, where PyTorch's oneDNN can compute wrong float32 conv2d gradients; set the environment"
                        + " variable ONEDNN_MAX_CPU_ISA=SSE41 before starting Java to train convolutions on backend '{}' ('./lpa4j' sets it for"
                        + " a command that names DJL, and the build for its tests).", NAME);
            }
        } catch (java.io.IOException | RuntimeException e) {
            LOG.debug("Could not read the CPU's flags ({}).", e.toString());
        }
    }

    /**
     * Keeps DJL off the network; called before any {@code Engine} method. Sets the two system properties DJL reads, and,
     * because DJL reads the environment first ({@code DJL_OFFLINE=false} or {@code OPT_OUT_TRACKING=false} there would
     * win), also marks DJL's once-a-day telemetry call as already made. If that mark cannot be set (another DJL
     * version) while the environment asks DJL to go online, the backend refuses to load rather than reach the network.
     */
    static void forceOffline() {
        System.setProperty("ai.djl.offline", "true");
        System.setProperty("OPT_OUT_TRACKING", "true");
        String offline = System.getenv("DJL_OFFLINE");
        String tracking = System.getenv("OPT_OUT_TRACKING");
        boolean environmentGoesOnline = (offline != null && !Boolean.parseBoolean(offline)) || (tracking != null && !Boolean.parseBoolean(tracking));
        if (!suppressTelemetry() && environmentGoesOnline) {
            throw new BackendException("Backend '" + NAME + "' will not load: the environment sets DJL_OFFLINE=" + offline + " / OPT_OUT_TRACKING="
                    + tracking + ", which makes DJL contact the network, and lpa4j never lets an engine do that. Unset both variables.");
        }
        if (offline != null && !Boolean.parseBoolean(offline)) {
            LOG.warn("The environment variable DJL_OFFLINE={} overrides ai.djl.offline=true inside DJL; lpa4j has suppressed DJL's "
                    + "network calls it knows of, but unset it to keep DJL from downloading native libraries.", offline);
        }
    }

    /** Marks DJL's telemetry check-in ({@code ai.djl.util.Ec2Utils.callHome}) as done forever; false if DJL has no such mark. */
    private static boolean suppressTelemetry() {
        try {
            java.lang.reflect.Field lastCheckIn = Class.forName("ai.djl.util.Ec2Utils").getDeclaredField("lastCheckIn");
            lastCheckIn.setAccessible(true);
            lastCheckIn.setLong(null, Long.MAX_VALUE);
            return true;
        } catch (ReflectiveOperationException | RuntimeException e) {
            LOG.debug("Could not mark DJL's telemetry call as done ({}).", e.toString());
            return false;
        }
    }
}
