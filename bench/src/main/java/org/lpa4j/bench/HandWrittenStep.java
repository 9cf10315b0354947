package org.lpa4j.bench;

import org.lpa4j.api.params.ParameterSet;
import org.lpa4j.api.tensor.HostTensor;

/**
 * The {@link BenchMlp} train step written directly against one engine, without lpa4j: the reference the
 * neutral API's overhead is measured against. It must do the same work per step as lpa4j does: copy the
 * host batch in, compute the MSE loss and its gradients, apply one Adam update, and return the loss to the host.
 */
public interface HandWrittenStep extends AutoCloseable {

    /** The engine's name, matching the lpa4j backend name ({@code nd4j}, {@code djl}, {@code tensorflow}). */
    String backend();

    /** Builds the network's variables from {@code initial} (FLOAT32) and the Adam state (0.9, 0.999, 1e-8). */
    void init(ParameterSet initial);

    /** One Adam step on {@code x [BATCH, INPUT]}, {@code y [BATCH, 1]} at {@code learningRate}; returns the loss before the update. */
    double step(HostTensor x, HostTensor y, double learningRate);

    /**
     * The float32 product {@code a b} of two square matrices on this engine, on the threads its step uses, prepared
     * once: each run of the returned program computes it, operands and product held by the engine. The bench times it
     * beside the steps for a measured peak; {@link #close()} releases it.
     */
    Runnable product(HostTensor a, HostTensor b);

    @Override
    void close();
}
