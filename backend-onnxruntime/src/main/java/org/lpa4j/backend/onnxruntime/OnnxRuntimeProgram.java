package org.lpa4j.backend.onnxruntime;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import java.nio.DoubleBuffer;
import java.nio.FloatBuffer;
import java.nio.IntBuffer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.lpa4j.api.backend.BackendException;
import org.lpa4j.api.compile.ForwardFunction;
import org.lpa4j.api.compile.InputSpec;
import org.lpa4j.api.spi.AbstractCompiledForward;
import org.lpa4j.api.spi.AbstractResidentTensor;
import org.lpa4j.api.spi.SharedResource;
import org.lpa4j.api.tensor.DType;
import org.lpa4j.api.tensor.HostTensor;
import org.lpa4j.api.tensor.Shape;
import org.lpa4j.onnx.OnnxModel;

/**
 * A forward program: the function traced into an ONNX model with the store's current weights, run in an ONNX Runtime
 * session (threads per {@link OnnxRuntimeBackendProvider#THREADS_PROPERTY}, see {@link OnnxRuntimeThreads}). The trace
 * happens at compile time, so an ill-formed function fails there as on every backend; after a load the session is rebuilt.
 */
final class OnnxRuntimeProgram extends AbstractCompiledForward {
    private final OnnxRuntimeVariableStore store;
    private final ForwardFunction function;
    /** The graph's input names, made once: a run feeds them every call. */
    private final List<String> inputNames;
    private OnnxModel model;
    private OrtSession session;
    private long sessionVersion;

    OnnxRuntimeProgram(OnnxRuntimeVariableStore store, List<InputSpec> specs, ForwardFunction function) {
        super(store, specs);
        this.store = store;
        this.function = function;
        this.inputNames = java.util.stream.IntStream.range(0, specs.size()).mapToObj(OnnxRuntimeOps::inputName).toList();
        this.model = OnnxRuntimeOps.trace(specs, function, store.values());
        this.sessionVersion = store.version();
    }

    /** The session for the store's current weights, built on first use and after every load. */
    private OrtSession session() throws OrtException {
        if (session != null && sessionVersion == store.version()) {
            return session;
        }
        if (session != null) {
            session.close();
            session = null;
        }
        if (sessionVersion != store.version()) {
            model = OnnxRuntimeOps.trace(specs(), function, store.values());
            sessionVersion = store.version();
        }
        try (OrtSession.SessionOptions options = OnnxRuntimeThreads.sessionOptions(store.backend().threads())) {
            session = store.backend().env().createSession(model.toByteArray(), options);
        }
        return session;
    }

    @Override
    protected List<HostTensor> execute(List<HostTensor> inputs) {
        OrtEnvironment env = store.backend().env();
        Map<String, OnnxTensor> feed = new LinkedHashMap<>();
        List<OnnxRuntimeStaging.Staged> staged = new ArrayList<>(inputs.size());
        try {
            for (int i = 0; i < inputs.size(); i++) {
                staged.add(store.staging().stage(env, inputs.get(i)));
                feed.put(inputNames.get(i), staged.get(i).tensor());
            }
            try (OrtSession.Result result = session().run(feed)) {
                List<HostTensor> out = new ArrayList<>(model.outputs().size());
                for (int i = 0; i < model.outputs().size(); i++) {
                    out.add(host((OnnxTensor) result.get(i), model.outputs().get(i).dtype()));
                }
                return out;
            }
        } catch (OrtException e) {
            throw new BackendException("ONNX Runtime could not run the program: " + e.getMessage(), e);
        } finally {
            staged.forEach(store.staging()::release);
        }
    }

    /** The shape of {@code t}. */
    static Shape shapeOf(OnnxTensor t) {
        return Shape.ofLongs(t.getInfo().getShape());
    }

    /** A host copy of {@code t}. */
    static HostTensor host(OnnxTensor t, DType dtype) {
        Shape s = shapeOf(t);
        return switch (dtype) {
            case FLOAT32 -> {
                FloatBuffer b = t.getFloatBuffer();
                float[] data = new float[b.remaining()];
                b.get(data);
                yield HostTensor.ofFloats(s, data);
            }
            case FLOAT64 -> {
                DoubleBuffer b = t.getDoubleBuffer();
                double[] data = new double[b.remaining()];
                b.get(data);
                yield HostTensor.ofDoubles(s, data);
            }
            case INT32 -> {
                IntBuffer b = t.getIntBuffer();
                int[] data = new int[b.remaining()];
                b.get(data);
                yield HostTensor.ofInts(s, data);
            }
        };
    }

    /** Runs on resident inputs and hands out every output without copying it: they stay in the run's result. */
    @Override
    protected List<AbstractResidentTensor> executeResident(List<AbstractResidentTensor> inputs) {
        Map<String, OnnxTensor> feed = new LinkedHashMap<>();
        for (int i = 0; i < inputs.size(); i++) {
            feed.put(inputNames.get(i), ((OnnxRuntimeResident) inputs.get(i)).tensor());
        }
        try {
            OrtSession.Result result = session().run(feed);
            int n = model.outputs().size();
            SharedResource shared = new SharedResource(result, n);
            List<AbstractResidentTensor> out = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                out.add(new OnnxRuntimeResident(store, (OnnxTensor) result.get(i), model.outputs().get(i).dtype(), shared));
            }
            return out;
        } catch (OrtException e) {
            throw new BackendException("ONNX Runtime could not run the program: " + e.getMessage(), e);
        }
    }

    static long[] longs(Shape shape) {
        long[] out = new long[shape.rank()];
        for (int i = 0; i < out.length; i++) {
            out[i] = shape.dim(i);
        }
        return out;
    }

    @Override
    protected void release() {
        if (session != null) {
            try {
                session.close();
            } catch (OrtException e) {
                throw new BackendException("ONNX Runtime could not close a session: " + e.getMessage(), e);
            }
            session = null;
        }
    }
}
