package org.lpa4j.backend.nd4j;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.lpa4j.api.backend.Backend;
import org.lpa4j.api.compile.CompiledGradient;
import org.lpa4j.api.compile.InputSpec;
import org.lpa4j.api.compile.LossFunction;
import org.lpa4j.api.compile.GradientResult;
import org.lpa4j.api.compile.VariableStore;
import org.lpa4j.api.layers.Dense;
import org.lpa4j.api.params.ParameterSet;
import org.lpa4j.api.tensor.DType;
import org.lpa4j.api.tensor.HostTensor;
import org.lpa4j.api.tensor.Shape;

/** A program whose runs reuse each other's arrays gives every run the result it would give alone. */
class Nd4jStepArenaTest {
    private static final Dense LAYER = new Dense("layer", 4, 8);
    private static final LossFunction LOSS = (ops, p, in) -> ops.mseLoss(ops.tanh(LAYER.forward(ops, p, in.get(0))), in.get(1));
    private static final List<InputSpec> SPECS = List.of(InputSpec.batched("x", DType.FLOAT32, 4), InputSpec.batched("y", DType.FLOAT32, 8));

    @Test
    void runsThatReuseArraysGiveTheSameResultsAsTheFirstRun() {
        List<HostTensor> a = batch(1, 5);
        List<HostTensor> b = batch(2, 5);
        try (Backend backend = new Nd4jBackendProvider().create();
                VariableStore store = backend.createVariables(ParameterSet.initialize(LAYER.parameters(), 3, DType.FLOAT32));
                CompiledGradient gradient = store.compileGradient(SPECS, LOSS, store.names())) {
            GradientResult first = gradient.run(a);
            GradientResult other = gradient.run(b);
            GradientResult otherBatchSize = gradient.run(batch(3, 2));
            GradientResult again = gradient.run(a);
            assertNotEquals(first.loss(), other.loss(), "the two batches must give different losses for the test to mean anything");
            assertNotEquals(first.loss(), otherBatchSize.loss());
            assertEquals(first.loss(), again.loss());
            for (String name : store.names()) {
                assertArrayEquals(first.gradients().get(name).toFloatArray(), again.gradients().get(name).toFloatArray(), name);
            }
        }
    }

    private static List<HostTensor> batch(long seed, int n) {
        SplittableRandom r = new SplittableRandom(seed);
        float[] x = new float[n * 4];
        float[] y = new float[n * 8];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) r.nextDouble(-1, 1);
        }
        for (int i = 0; i < y.length; i++) {
            y[i] = (float) r.nextDouble(-1, 1);
        }
        return List.of(HostTensor.ofFloats(Shape.of(n, 4), x), HostTensor.ofFloats(Shape.of(n, 8), y));
    }
}
