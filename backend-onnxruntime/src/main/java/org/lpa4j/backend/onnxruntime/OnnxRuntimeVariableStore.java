package org.lpa4j.backend.onnxruntime;

import java.util.List;
import java.util.Set;
import org.lpa4j.api.compile.ForwardFunction;
import org.lpa4j.api.compile.InputSpec;
import org.lpa4j.api.compile.LossFunction;
import org.lpa4j.api.compile.OptimizerSpec;
import org.lpa4j.api.params.ParameterSet;
import org.lpa4j.api.spi.AbstractCompiledForward;
import org.lpa4j.api.spi.AbstractCompiledGradient;
import org.lpa4j.api.spi.AbstractCompiledTrainStep;
import org.lpa4j.api.spi.AbstractVariableStore;

/**
 * The weights on the host, as the initializers of every program's ONNX model. Loading new values bumps a version; a
 * program whose session was built from older values builds a new one before its next run.
 */
final class OnnxRuntimeVariableStore extends AbstractVariableStore {
    private final OnnxRuntimeBackend backend;
    private ParameterSet values;
    private long version;

    OnnxRuntimeVariableStore(OnnxRuntimeBackend backend, ParameterSet initial) {
        super(backend, initial);
        this.backend = backend;
        this.values = initial;
    }

    /** The current values (held under the store's monitor). */
    ParameterSet values() {
        return values;
    }

    /** Increases with every load. */
    long version() {
        return version;
    }

    OnnxRuntimeBackend backend() {
        return backend;
    }

    @Override
    protected ParameterSet exportValues() {
        return values;
    }

    @Override
    protected void loadValues(ParameterSet incoming) {
        values = incoming;
        version++;
    }

    @Override
    protected AbstractCompiledForward newForward(List<InputSpec> specs, ForwardFunction function) {
        OnnxRuntimeProgram program = new OnnxRuntimeProgram(this, specs, function);
        for (InputSpec spec : specs) {
            OnnxRuntimeBackend.requireFloat32("input '" + spec.name() + "'", spec.dtype());
        }
        return program;
    }

    @Override
    protected AbstractCompiledGradient newGradient(List<InputSpec> specs, LossFunction loss, Set<String> wrt) {
        throw OnnxRuntimeBackend.noTraining("compileGradient");
    }

    @Override
    protected AbstractCompiledTrainStep newTrainStep(List<InputSpec> specs, LossFunction loss, Set<String> trainable,
            OptimizerSpec optimizer) {
        throw OnnxRuntimeBackend.noTraining("compileTrainStep");
    }

    @Override
    protected void release() {
        values = null;
    }
}
