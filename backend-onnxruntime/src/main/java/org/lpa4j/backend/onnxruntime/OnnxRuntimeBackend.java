package org.lpa4j.backend.onnxruntime;

import ai.onnxruntime.OrtEnvironment;
import java.util.EnumSet;
import org.lpa4j.api.backend.Capability;
import org.lpa4j.api.backend.UnsupportedCapabilityException;
import org.lpa4j.api.params.ParameterSet;
import org.lpa4j.api.spi.AbstractBackend;
import org.lpa4j.api.spi.AbstractVariableStore;
import org.lpa4j.api.tensor.DType;

/**
 * ONNX Runtime on the CPU, inference only: a forward program is its function traced into an ONNX model (the same tracer
 * {@code lpa4j export} uses) with the store's weights as initializers, run in one ONNX Runtime session. It lacks
 * {@link Capability#TRAINING} (ONNX Runtime's Java API has no gradients of arbitrary graphs) and {@link Capability#FLOAT64}
 * (ONNX Runtime 1.23's CPU kernels for Conv and AveragePool are float32 only; every other op lpa4j uses has a
 * double kernel, measured with the ops conformance suite).
 */
public final class OnnxRuntimeBackend extends AbstractBackend {
    /** The short name users select this backend by. */
    public static final String NAME = "onnxruntime";

    private final OrtEnvironment env;
    private final int threads;

    OnnxRuntimeBackend(OrtEnvironment env, String version, int threads) {
        super(NAME, "ONNX Runtime " + version + " (CPU, inference only)", EnumSet.of(Capability.CONV2D, Capability.POOLING,
                Capability.GATHER));
        this.env = env;
        this.threads = threads;
    }

    OrtEnvironment env() {
        return env;
    }

    int threads() {
        return threads;
    }

    @Override
    protected AbstractVariableStore newStore(ParameterSet initial) {
        for (String name : initial.names()) {
            requireFloat32("parameter '" + name + "'", initial.get(name).dtype());
        }
        return new OnnxRuntimeVariableStore(this, initial);
    }

    /** Refuses FLOAT64 values, which this backend does not declare, naming what held one. */
    static void requireFloat32(String what, DType dtype) {
        if (dtype == DType.FLOAT64) {
            throw new UnsupportedCapabilityException(NAME, Capability.FLOAT64, what + " is FLOAT64, and ONNX Runtime's CPU kernels for"
                    + " Conv and AveragePool take float32 only; load the model as FLOAT32");
        }
    }

    /** The refusal of gradients and train steps. */
    static UnsupportedCapabilityException noTraining(String what) {
        return new UnsupportedCapabilityException(NAME, Capability.TRAINING, what + " needs gradients, and this backend runs ONNX Runtime"
                + " for inference only (train on tensorflow, djl or nd4j, save the model, and load it here to serve it)");
    }
}
