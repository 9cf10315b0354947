package org.lpa4j.integration;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.lpa4j.api.Lpa4jException;
import org.lpa4j.api.backend.Backend;
import org.lpa4j.api.backend.BackendProvider;
import org.lpa4j.api.backend.Backends;
import org.lpa4j.api.inference.Decoding;
import org.lpa4j.api.inference.EarlyExit;
import org.lpa4j.api.inference.ExitPolicy;
import org.lpa4j.api.inference.ExitResult;
import org.lpa4j.api.inference.ExitSimulation;
import org.lpa4j.api.inference.SpeculativeDecoder;
import org.lpa4j.api.inference.TokenSampler;
import org.lpa4j.api.layers.Activation;
import org.lpa4j.api.compile.ResidentTensor;
import org.lpa4j.api.data.TensorDataset;
import org.lpa4j.api.model.BlockOutput;
import org.lpa4j.api.model.ProgressiveModel;
import org.lpa4j.api.model.ResidentBlockOutput;
import org.lpa4j.api.model.ResidualNetwork;
import org.lpa4j.api.params.ParameterSet;
import org.lpa4j.api.tensor.DType;
import org.lpa4j.api.tensor.HostTensor;
import org.lpa4j.api.tensor.Shape;
import org.lpa4j.architectures.fnn.ResidualMlp;
import org.lpa4j.architectures.transformer.Transformer;
import org.lpa4j.architectures.transformer.TransformerTask;

/**
 * Shallow inference, batched early exit and self-speculative decoding on every backend present, with seeded weights:
 * the depth-k program, the per-block programs and the host-routed exit all agree with the one-pass readouts, each
 * program is compiled once however often a depth is asked for, and speculative greedy text equals plain greedy text.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ProgressiveInferenceTest {
    private static final int DEPTH = 4;
    private static final int CLASSES = 5;
    private static final int ROWS = 300;

    private final Map<String, Backend> backends = new LinkedHashMap<>();

    @BeforeAll
    void openAll() {
        for (BackendProvider p : Backends.discover().providers()) {
            backends.put(p.name(), Backends.create(p));
        }
    }

    @AfterAll
    void closeAll() {
        backends.values().forEach(Backend::close);
    }

    Stream<String> backendNames() {
        return backends.keySet().stream();
    }

    private static ResidualMlp classifier() {
        return new ResidualMlp(3, 16, DEPTH, CLASSES, Activation.TANH, false, DType.FLOAT32);
    }

    private ProgressiveModel seeded(String backend, ResidualNetwork network, long seed) {
        ParameterSet weights = ParameterSet.initialize(network.parameters(), seed, DType.FLOAT32);
        return new ProgressiveModel(network, backends.get(backend).createVariables(weights));
    }

    private static HostTensor inputs(long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        float[] v = new float[ROWS * 3];
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) (2 * random.nextDouble() - 1);
        }
        return HostTensor.ofFloats(Shape.of(ROWS, 3), v);
    }

    private static void assertClose(HostTensor expected, HostTensor actual, String what) {
        CrossBackendAgreementTest.assertClose(what, expected, actual, CrossBackendAgreementTest.FLOAT32_TOLERANCE);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("backendNames")
    void theDepthKProgramGivesTheDepthKReadout_andAskingAgainCompilesNothing(String backend) {
        HostTensor x = inputs(1);
        try (ProgressiveModel model = seeded(backend, classifier(), 11)) {
            List<HostTensor> all = model.predictAll(x);
            for (int k = 1; k <= DEPTH; k++) {
                assertClose(all.get(k - 1), model.predict(x, k), backend + " depth " + k);
            }
            int compiled = model.compiledPrograms();
            assertEquals(DEPTH + 1, compiled, "one program per depth and one for every readout");
            SplittableRandom random = new SplittableRandom(2);
            for (int request = 0; request < 40; request++) {
                int k = 1 + random.nextInt(DEPTH);
                try (ProgressiveModel shallow = model.truncate(k)) {
                    assertClose(all.get(k - 1), shallow.predict(x, k), backend + " truncated to " + k);
                }
            }
            assertEquals(compiled, model.compiledPrograms(), "truncations share the parent's programs");
            assertClose(all.get(DEPTH - 1), model.predict(x, DEPTH), backend + " after the truncations closed");
            ProgressiveModel child = model.truncate(2);
            model.close();
            Lpa4jException closed = assertThrows(Lpa4jException.class, () -> child.predict(x, 1));
            assertTrue(closed.getMessage().contains("closed"), closed.getMessage());
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("backendNames")
    void eachBlockContinuesFromThePreviousBlocksState(String backend) {
        HostTensor x = inputs(3);
        try (ProgressiveModel model = seeded(backend, classifier(), 12)) {
            List<HostTensor> all = model.predictAll(x);
            BlockOutput out = model.firstBlock(x);
            assertClose(all.get(0), out.readout(), backend + " block 1");
            for (int l = 2; l <= DEPTH; l++) {
                out = model.nextBlock(l, out.state());
                assertClose(all.get(l - 1), out.readout(), backend + " block " + l);
            }
            assertThrows(Lpa4jException.class, () -> model.nextBlock(1, x));
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("backendNames")
    void theBlocksOnChosenRowsOfAStateInTheEngine_equalTheBlocksOnThoseRowsSelectedFirst(String backend) {
        HostTensor x = inputs(4);
        int[] rows = {7, 0, ROWS - 1, 7, 150};
        try (ProgressiveModel model = seeded(backend, classifier(), 13)) {
            ResidentBlockOutput first = model.firstBlockResident(x);
            try (ResidentTensor state = first.state()) {
                HostTensor chosen = TensorDataset.rows(state.toHost(), rows);
                BlockOutput expected = model.nextBlock(2, chosen);
                ResidentBlockOutput actual = model.nextBlockResident(2, state, rows);
                try (ResidentTensor next = actual.state()) {
                    assertClose(expected.readout(), actual.readout(), backend + " readout of block 2 on chosen rows");
                    assertClose(expected.state(), next.toHost(), backend + " state of block 2 on chosen rows");
                }
                List<HostTensor> readouts = model.readoutsFromResident(2, DEPTH, state, rows);
                List<HostTensor> reference = model.readoutsFrom(2, DEPTH, chosen);
                for (int k = 2; k <= DEPTH; k++) {
                    assertClose(reference.get(k - 2), readouts.get(k - 2), backend + " readout " + k + " on chosen rows");
                }
                assertClose(chosen, TensorDataset.rows(state.toHost(), rows), backend + " the state itself, unchanged");
                Lpa4jException outside = assertThrows(Lpa4jException.class, () -> model.nextBlockResident(2, state, new int[] {ROWS}));
                assertTrue(outside.getMessage().contains("Row " + ROWS), outside.getMessage());
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("backendNames")
    void batchedEarlyExitRoutesEachRowToItsOwnDepth_likeThePolicyOnTheOnePassReadouts(String backend) {
        HostTensor x = inputs(4);
        try (ProgressiveModel model = seeded(backend, classifier(), 13)) {
            ExitSimulation simulation = new ExitSimulation(model.predictAll(x));
            double[] confidence = new double[ROWS];
            for (int i = 0; i < ROWS; i++) {
                confidence[i] = simulation.signals(2, i).confidence();
            }
            Arrays.sort(confidence);
            List<ExitPolicy> policies = List.of(ExitPolicy.Confidence.shared(between(confidence, ROWS / 2), DEPTH),
                    ExitPolicy.Confidence.shared(between(confidence, ROWS / 3), 3), new ExitPolicy.Patience(2, DEPTH), new ExitPolicy.FixedDepth(2));
            for (ExitPolicy policy : policies) {
                ExitResult expected = simulation.apply(policy);
                ExitResult actual = new EarlyExit(model, policy).run(x);
                assertArrayEquals(expected.depths(), actual.depths(), backend + " " + policy.describe());
                assertClose(expected.predictions(), actual.predictions(), backend + " " + policy.describe());
            }
            // a threshold most rows reach at depth 1: the few still running (the batch's tail) finish their blocks in one program
            double[] first = new double[ROWS];
            for (int i = 0; i < ROWS; i++) {
                first[i] = simulation.signals(1, i).confidence();
            }
            Arrays.sort(first);
            ExitPolicy tail = ExitPolicy.Confidence.shared(between(first, ROWS / 10), DEPTH);
            int compiled = model.compiledPrograms();
            ExitResult expected = simulation.apply(tail);
            ExitResult actual = new EarlyExit(model, tail).run(x);
            assertArrayEquals(expected.depths(), actual.depths(), backend + " " + tail.describe());
            assertClose(expected.predictions(), actual.predictions(), backend + " " + tail.describe());
            assertEquals(compiled + 1, model.compiledPrograms(), "the tail ran blocks 2.." + DEPTH + " in one program");
            // the same tail, but no row of it is ever confident enough: each runs to the cap, in the one-program finish
            List<Double> neverAgain = new java.util.ArrayList<>(java.util.Collections.nCopies(DEPTH, 1.0));
            neverAgain.set(0, between(first, ROWS / 10));
            ExitPolicy toTheCap = new ExitPolicy.Confidence(neverAgain, DEPTH);
            ExitResult capped = new EarlyExit(model, toTheCap).run(x);
            assertArrayEquals(simulation.apply(toTheCap).depths(), capped.depths(), backend + " " + toTheCap.describe());
            assertTrue(Arrays.stream(capped.depths()).filter(d -> d == DEPTH).count() >= ROWS / 20, "tail rows reach the cap");
            assertClose(simulation.apply(toTheCap).predictions(), capped.predictions(), backend + " " + toTheCap.describe());
            long depthsUsed = Arrays.stream(simulation.exitDepths(policies.get(0))).distinct().count();
            assertTrue(depthsUsed >= 2, "the rows of one batch leave at " + depthsUsed + " depth(s)");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("backendNames")
    void speculativeGreedyTextEqualsPlainGreedyText(String backend) {
        Transformer network = new Transformer(TransformerTask.NEXT_TOKEN, 7, 6, 8, 2, 1, 7);
        int[] prompt = {1, 4};
        try (ProgressiveModel model = seeded(backend, network, 21)) {
            SpeculativeDecoder decoder = new SpeculativeDecoder(model);
            // 2 + 8 tokens pass the context of 6, so both verification paths run: one window, then one window per draft
            int[] plain = decoder.greedy(prompt, 8).tokens();
            for (int[] draft : new int[][] {{1, 3}, {1, 1}}) {
                Decoding d = decoder.speculative(prompt, 8, draft[0], draft[1]);
                String what = backend + " draft depth " + draft[0] + ", length " + draft[1];
                assertArrayEquals(plain, d.tokens(), what);
                assertTrue(d.accepted() >= 0 && d.accepted() <= d.drafted(), what + ": " + d.accepted() + " of " + d.drafted());
                assertEquals(8, d.fullPasses() + d.accepted(), what + ": every full pass yields one token beside the accepted drafts");
            }
            assertThrows(Lpa4jException.class, () -> decoder.speculative(prompt, 5, 2, 2));
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("backendNames")
    void samplingIsSeededAndDrawsRealTokens_andAtALowTemperatureIsTheArgMaxWhateverTheSeed(String backend) {
        Transformer network = new Transformer(TransformerTask.NEXT_TOKEN, 7, 6, 8, 2, 2, 7);
        int[] prompt = {1, 4};
        try (ProgressiveModel model = seeded(backend, network, 21)) {
            TokenSampler sampler = new TokenSampler(model);
            for (int depth = 1; depth <= 2; depth++) {
                int[] once = sampler.sample(prompt, 9, depth, 1.0, 3);
                assertArrayEquals(once, sampler.sample(prompt, 9, depth, 1.0, 3), backend + ": the same seed, the same tokens");
                assertEquals(9, once.length);
                assertTrue(java.util.Arrays.stream(once).allMatch(t -> t >= 1 && t < 7), java.util.Arrays.toString(once));
                assertArrayEquals(sampler.sample(prompt, 9, depth, 1e-6, 1), sampler.sample(prompt, 9, depth, 1e-6, 2),
                        backend + ": near temperature 0 every seed draws the arg-max");
            }
            assertThrows(Lpa4jException.class, () -> sampler.sample(prompt, 3, 3, 1.0, 0));
            assertThrows(Lpa4jException.class, () -> sampler.sample(prompt, 3, 1, 0.0, 0));
        }
    }

    /**
     * A threshold halfway between the sorted values {@code i - 1} and {@code i}: no row's signal lies on it, so the one-pass
     * readouts and the per-block programs (whose products may round differently in the last bit) decide every row alike.
     */
    private static double between(double[] sorted, int i) {
        return (sorted[i - 1] + sorted[i]) / 2;
    }
}
