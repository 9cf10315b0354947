package org.lpa4j.backend.onnxruntime;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.onnxruntime.OrtEnvironment;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.lpa4j.api.backend.Backend;
import org.lpa4j.api.compile.CompiledForward;
import org.lpa4j.api.compile.InputSpec;
import org.lpa4j.api.params.ParameterSet;
import org.lpa4j.api.tensor.DType;
import org.lpa4j.api.tensor.HostTensor;
import org.lpa4j.api.tensor.Shape;

/** Sessions on the process's shared pool and sessions with pools of their own compute the same values. */
class OnnxRuntimeThreadsTest {

    @Test
    void aBackendWithAnotherThreadCount_runsOnItsOwnPool_andGivesTheSameOutputs() throws Exception {
        int shared = 2;
        OrtEnvironment env = OnnxRuntimeThreads.environment(shared);
        int own = OnnxRuntimeThreads.sharesPool(shared) ? 1 : 3;
        if (OnnxRuntimeThreads.sharesPool(shared)) {
            assertFalse(OnnxRuntimeThreads.sharesPool(own), "a count the pool was not made with must get a pool of its own");
        }
        HostTensor x = input();
        float[] onShared = run(env, shared, x);
        float[] onOwn = run(env, own, x);
        assertArrayEquals(onShared, onOwn, 0f, "the thread pool must not change a program's values");
        assertTrue(onShared.length == 32 * 5, "one row of 5 outputs per input row");
        assertTrue(java.util.stream.IntStream.range(0, onShared.length).anyMatch(i -> onShared[i] > 0), "the program computed something");
    }

    /** A product and a ReLU with {@code threads} per op, on a fresh backend. */
    private static float[] run(OrtEnvironment env, int threads, HostTensor x) {
        try (Backend b = new OnnxRuntimeBackend(env, "test", threads);
                var store = b.createVariables(ParameterSet.of(java.util.Map.of("w", weights())))) {
            CompiledForward program = store.compileForward(List.of(InputSpec.batched("x", DType.FLOAT32, 7)),
                    (ops, p, in) -> List.of(ops.relu(ops.matmul(in.get(0), p.get("w")))));
            return program.run(List.of(x)).get(0).floatsUnsafe();
        }
    }

    private static HostTensor weights() {
        return values(7 * 5, 11, Shape.of(7, 5));
    }

    private static HostTensor input() {
        return values(32 * 7, 12, Shape.of(32, 7));
    }

    private static HostTensor values(int n, long seed, Shape shape) {
        SplittableRandom r = new SplittableRandom(seed);
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            v[i] = (float) r.nextDouble(-1, 1);
        }
        return HostTensor.ofFloats(shape, v);
    }
}
