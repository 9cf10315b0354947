package org.lpa4j.integration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.lpa4j.api.backend.Backend;
import org.lpa4j.api.backend.BackendProvider;
import org.lpa4j.api.backend.Backends;
import org.lpa4j.api.backend.Capability;
import org.lpa4j.api.compile.CompiledForward;
import org.lpa4j.api.compile.CompiledGradient;
import org.lpa4j.api.compile.CompiledTrainStep;
import org.lpa4j.api.compile.GradientResult;
import org.lpa4j.api.compile.InputSpec;
import org.lpa4j.api.compile.OptimizerSpec;
import org.lpa4j.api.compile.VariableStore;
import org.lpa4j.api.params.ParameterSet;
import org.lpa4j.api.tensor.DType;
import org.lpa4j.api.tensor.HostTensor;
import org.lpa4j.api.tensor.Shape;

/**
 * Cross-backend agreement: the same seeded network and batch give the same outputs, loss and gradients on every
 * backend present, and the same parameters after a few optimizer steps. Differences are measured norm-wise,
 * {@code ||a - b|| / max(||a||, ||b||)} per tensor (see {@link #VANISHING_GRADIENT_FLOOR} for gradients that are exactly zero).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CrossBackendAgreementTest {

    /** FLOAT32: single-precision rounding with different summation orders stays within this, norm-wise. */
    static final double FLOAT32_TOLERANCE = 1e-5;
    /** FLOAT64: the same computation in double precision. */
    static final double FLOAT64_TOLERANCE = 1e-11;
    /** After 5 Adam steps in FLOAT64 (Adam divides by sqrt(v), which amplifies tiny differences where gradients are tiny). */
    static final double FLOAT64_TRAINED_TOLERANCE = 1e-8;
    /**
     * A gradient whose exact value is zero (an attention key bias: softmax ignores a shift shared by all keys) is rounding
     * noise on every engine, so it is compared relative to this fraction of the network's largest gradient norm instead.
     */
    static final double VANISHING_GRADIENT_FLOOR = 1e-3;
    private static final int BATCH = 5;

    private final Map<String, Backend> backends = new LinkedHashMap<>();

    @BeforeAll
    void openAll() {
        for (BackendProvider p : Backends.discover().providers()) {
            Backend b = Backends.create(p);
            if (b.supports(Capability.TRAINING) && b.supports(Capability.FLOAT64)) {
                backends.put(p.name(), b);
            } else {
                b.close(); // inference-only engines (onnxruntime) are compared in ProgressiveInferenceTest, FLOAT32
            }
        }
        assertEquals(Set.of("djl", "nd4j", "tensorflow"), backends.keySet(),
                "integration-tests depends on all three backends; each must be discoverable");
    }

    @AfterAll
    void closeAll() {
        backends.values().forEach(Backend::close);
    }

    static Stream<Arguments> cases() {
        List<Arguments> out = new ArrayList<>();
        for (AgreementNetwork net : AgreementNetwork.all()) {
            for (DType dtype : List.of(DType.FLOAT32, DType.FLOAT64)) {
                out.add(Arguments.of(net, dtype));
            }
        }
        return out.stream();
    }

    @ParameterizedTest(name = "{0} in {1}: outputs, loss and gradients agree on every backend")
    @MethodSource("cases")
    void required_sameWeightsAndBatch_giveSameOutputsLossAndGradients(AgreementNetwork net, DType dtype) {
        ParameterSet init = ParameterSet.initialize(net.parameters(), 42, dtype);
        List<HostTensor> batch = net.batch(new SplittableRandom(7), BATCH, dtype);
        double tol = dtype == DType.FLOAT32 ? FLOAT32_TOLERANCE : FLOAT64_TOLERANCE;
        Map<String, List<HostTensor>> outputs = new LinkedHashMap<>();
        Map<String, GradientResult> grads = new LinkedHashMap<>();
        for (Backend b : backends.values()) {
            try (VariableStore store = b.createVariables(init);
                 CompiledForward f = store.compileForward(net.inputs(dtype), net::forward);
                 CompiledGradient g = store.compileGradient(net.inputs(dtype), net::loss, init.names())) {
                outputs.put(b.name(), f.run(batch));
                grads.put(b.name(), g.run(batch));
            }
        }
        String reference = outputs.keySet().iterator().next();
        for (String other : outputs.keySet()) {
            for (int i = 0; i < outputs.get(reference).size(); i++) {
                assertClose(net + " output " + i + ": " + reference + " vs " + other, outputs.get(reference).get(i),
                        outputs.get(other).get(i), tol);
            }
            double la = grads.get(reference).loss();
            double lb = grads.get(other).loss();
            assertTrue(Math.abs(la - lb) <= tol * Math.max(Math.abs(la), Math.abs(lb)),
                    net + " loss: " + reference + " " + la + " vs " + other + " " + lb);
            double scale = 0;
            for (String name : init.names()) {
                scale = Math.max(scale, norm(grads.get(reference).gradient(name)));
            }
            for (String name : init.names()) {
                assertClose(net + " gradient of " + name + ": " + reference + " vs " + other, grads.get(reference).gradient(name),
                        grads.get(other).gradient(name), tol, VANISHING_GRADIENT_FLOOR * scale);
            }
        }
    }

    @ParameterizedTest(name = "{0}: five Adam steps in FLOAT64 leave the same parameters on every backend")
    @MethodSource("float64Nets")
    void required_sameTrainingSteps_giveSameParameters(AgreementNetwork net) {
        ParameterSet init = ParameterSet.initialize(net.parameters(), 42, DType.FLOAT64);
        Map<String, ParameterSet> trained = new LinkedHashMap<>();
        for (Backend b : backends.values()) {
            try (VariableStore store = b.createVariables(init);
                 CompiledTrainStep step = store.compileTrainStep(net.inputs(DType.FLOAT64), net::loss, init.names(),
                         OptimizerSpec.adamW(0.01))) {
                SplittableRandom data = new SplittableRandom(11);
                for (int s = 0; s < 5; s++) {
                    step.run(net.batch(data, BATCH, DType.FLOAT64), 1e-3 * (s + 1));
                }
                trained.put(b.name(), store.export());
            }
        }
        String reference = trained.keySet().iterator().next();
        for (String other : trained.keySet()) {
            for (String name : init.names()) {
                assertClose(net + " " + name + " after 5 steps: " + reference + " vs " + other, trained.get(reference).get(name),
                        trained.get(other).get(name), FLOAT64_TRAINED_TOLERANCE);
            }
        }
    }

    static Stream<AgreementNetwork> float64Nets() {
        return AgreementNetwork.all().stream();
    }

    private static double norm(HostTensor t) {
        double n = 0;
        for (int i = 0; i < t.size(); i++) {
            n += t.getDouble(i) * t.getDouble(i);
        }
        return Math.sqrt(n);
    }

    /** Norm-wise: {@code ||a - b|| / max(||a||, ||b||) <= tol}, shapes equal; shared with the other agreement tests. */
    static void assertClose(String what, HostTensor a, HostTensor b, double tol) {
        assertClose(what, a, b, tol, 1e-30);
    }

    private static void assertClose(String what, HostTensor a, HostTensor b, double tol, double floor) {
        assertEquals(a.shape(), b.shape(), what + ": shapes differ");
        double diff = 0;
        double na = 0;
        double nb = 0;
        for (int i = 0; i < a.size(); i++) {
            double x = a.getDouble(i);
            double y = b.getDouble(i);
            diff += (x - y) * (x - y);
            na += x * x;
            nb += y * y;
        }
        double rel = Math.sqrt(diff) / Math.max(Math.sqrt(Math.max(na, nb)), floor);
        assertTrue(rel <= tol, what + ": norm-wise relative difference " + rel + " exceeds " + tol);
    }
}
