package org.lpa4j.backend.onnxruntime;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import java.nio.IntBuffer;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.lpa4j.api.backend.BackendException;
import org.lpa4j.api.compile.ForwardFunction;
import org.lpa4j.api.compile.InputSpec;
import org.lpa4j.api.compile.LossFunction;
import org.lpa4j.api.compile.OptimizerSpec;
import org.lpa4j.api.params.ParameterSet;
import org.lpa4j.api.spi.AbstractCompiledForward;
import org.lpa4j.api.spi.AbstractCompiledGradient;
import org.lpa4j.api.spi.AbstractCompiledTrainStep;
import org.lpa4j.api.spi.AbstractResidentTensor;
import org.lpa4j.api.spi.SharedResource;
import org.lpa4j.api.spi.AbstractVariableStore;
import org.lpa4j.api.spi.RowSelection;
import org.lpa4j.api.tensor.DType;
import org.lpa4j.api.tensor.HostTensor;
import org.lpa4j.api.tensor.Shape;
import org.lpa4j.onnx.OnnxModel;
import org.lpa4j.onnx.OnnxTrace;

/**
 * The weights on the host, as the initializers of every program's ONNX model. Loading new values bumps a version; a
 * program whose session was built from older values builds a new one before its next run.
 */
final class OnnxRuntimeVariableStore extends AbstractVariableStore {
    private final OnnxRuntimeBackend backend;
    private ParameterSet values;
    private long version;
    private final Map<String, OrtSession> selections = new HashMap<>();
    private final OnnxRuntimeStaging staging = new OnnxRuntimeStaging();

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

    /** The direct buffers that host values reach ONNX Runtime through. */
    OnnxRuntimeStaging staging() {
        return staging;
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

    /** A copy of {@code value} in ONNX Runtime's memory. */
    @Override
    protected AbstractResidentTensor newResident(HostTensor value) {
        try {
            return new OnnxRuntimeResident(this, staging.stage(backend.env(), value), value.dtype());
        } catch (OrtException e) {
            throw new BackendException("ONNX Runtime could not hold a tensor: " + e.getMessage(), e);
        }
    }

    /** Floating rows are selected by a Gather run on the engine, the result staying there; INT32 rows go through the host. */
    @Override
    protected AbstractResidentTensor selectRowsOf(AbstractResidentTensor t, int[] rows) {
        if (!t.dtype().isFloating()) {
            return super.selectRowsOf(t, rows);
        }
        int[] tail = Arrays.copyOfRange(t.shape().dims(), 1, t.shape().rank());
        String key = t.dtype() + Arrays.toString(tail);
        try {
            OrtSession gather = selections.get(key);
            if (gather == null) {
                try (OrtSession.SessionOptions options = OnnxRuntimeThreads.sessionOptions(backend.threads())) {
                    gather = backend.env().createSession(selection(t.dtype(), tail).toByteArray(), options);
                }
                selections.put(key, gather);
            }
            OnnxRuntimeStaging.Staged index = staging.stage(backend.env(), HostTensor.ofInts(Shape.of(rows.length), rows));
            try {
                OrtSession.Result result = gather.run(Map.of(OnnxRuntimeOps.inputName(0), ((OnnxRuntimeResident) t).tensor(),
                        OnnxRuntimeOps.inputName(1), index.tensor()));
                return new OnnxRuntimeResident(this, (OnnxTensor) result.get(0), t.dtype(), new SharedResource(result, 1));
            } finally {
                staging.release(index);
            }
        } catch (OrtException e) {
            throw new BackendException("ONNX Runtime could not select rows: " + e.getMessage(), e);
        }
    }

    /** The row selection (see {@link RowSelection}) as an ONNX model. */
    private static OnnxModel selection(DType dtype, int[] tail) {
        return OnnxTrace.trace("select_rows", RowSelection.inputs(OnnxRuntimeOps.inputName(0), OnnxRuntimeOps.inputName(1), dtype, tail),
                RowSelection.function(tail), ParameterSet.of(Map.of()), List.of());
    }

    @Override
    protected void release() {
        values = null;
        for (OrtSession s : selections.values()) {
            try {
                s.close();
            } catch (OrtException e) {
                throw new BackendException("ONNX Runtime could not close a session: " + e.getMessage(), e);
            }
        }
        selections.clear();
    }
}
