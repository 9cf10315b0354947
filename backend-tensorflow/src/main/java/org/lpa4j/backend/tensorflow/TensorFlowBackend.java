package org.lpa4j.backend.tensorflow;

import java.util.EnumSet;
import org.lpa4j.api.backend.Capability;
import org.lpa4j.api.params.ParameterSet;
import org.lpa4j.api.spi.AbstractBackend;
import org.lpa4j.api.spi.AbstractVariableStore;
import org.lpa4j.api.spi.EngineThreads;
import org.tensorflow.proto.ConfigProto;

/**
 * TensorFlow Java in graph mode: each variable store is one graph and one session, into which functions are
 * traced once and run many times. It supports every {@link Capability}. Its sessions take their thread pools' sizes
 * from the {@link EngineThreads} policy as it was when the backend was created.
 */
public final class TensorFlowBackend extends AbstractBackend {
    /** The short name users select this backend by. */
    public static final String NAME = "tensorflow";

    private final ConfigProto sessionConfig;

    TensorFlowBackend(String tensorFlowVersion, EngineThreads threads) {
        super(NAME, "TensorFlow " + tensorFlowVersion + " via TensorFlow Java " + TensorFlowBackendProvider.TENSORFLOW_JAVA_VERSION,
                EnumSet.allOf(Capability.class));
        this.sessionConfig = ConfigProto.newBuilder()
                .setIntraOpParallelismThreads(threads.intraOp())
                .setInterOpParallelismThreads(threads.interOp())
                .build();
    }

    /**
     * The configuration of every session: the policy's intra-op and inter-op thread counts. TensorFlow keeps one intra-op
     * and one inter-op pool per process, sized by the first session it opens; later sessions share them.
     */
    ConfigProto sessionConfig() {
        return sessionConfig;
    }

    @Override
    protected AbstractVariableStore newStore(ParameterSet initial) {
        return new TensorFlowVariableStore(this, initial);
    }
}
