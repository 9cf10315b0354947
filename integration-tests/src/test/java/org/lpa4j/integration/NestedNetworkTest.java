package org.lpa4j.integration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
import org.lpa4j.architectures.nested.LevelResult;
import org.lpa4j.architectures.nested.MidpointGrid;
import org.lpa4j.architectures.nested.NestedConstruction;
import org.lpa4j.architectures.nested.NestedEvaluation;
import org.lpa4j.architectures.nested.TargetFunctions;

/**
 * The constructive nested network run in float64 through every backend: at every decoded depth the measured L^p error
 * of Phi_l is within the certified bound (2d + 1) w_{f,p}(N^-l), computed independently from the function's modulus, and
 * the host's direct E_l f is within 2d w_{f,p}(N^-l) at every requested depth.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class NestedNetworkTest {
    /** Frequencies the decoder search may try per level in these tests. */
    private static final long SEARCH = 100_000;

    private final Map<String, Backend> backends = new LinkedHashMap<>();

    @BeforeAll
    void openAll() {
        for (BackendProvider p : Backends.discover().providers()) {
            Backend b = Backends.create(p);
            if (b.supports(Capability.FLOAT64)) {
                backends.put(p.name(), b);
            } else {
                b.close(); // the construction is FLOAT64
            }
        }
    }

    @AfterAll
    void closeAll() {
        backends.values().forEach(Backend::close);
    }

    /** (function, d, N, depth, the depth the decoder must reach within SEARCH). */
    static Stream<Arguments> cases() {
        List<Arguments> out = new ArrayList<>();
        for (String f : List.of("lipschitz", "hoelder", "jump")) {
            out.add(Arguments.of(f, 1, 2, 3, 3));
        }
        out.add(Arguments.of("jump", 1, 2, 4, 4));
        out.add(Arguments.of("hoelder", 1, 3, 2, 2));
        out.add(Arguments.of("lipschitz", 2, 2, 2, 2));
        out.add(Arguments.of("jump", 2, 2, 2, 2));
        out.add(Arguments.of("hoelder", 2, 3, 1, 1));
        return out.stream();
    }

    @ParameterizedTest(name = "{0}, d={1}, N={2}, depth {3}: every readout within its certified bound on every backend")
    @MethodSource("cases")
    void required_everyReadoutMeetsTheCertifiedBound(String function, int d, int n, int depth, int decoded) {
        NestedConstruction c = NestedConstruction.build(TargetFunctions.named(function), d, n, depth, 2.0, SEARCH);
        assertEquals(decoded, c.decodedDepth(), "levels the float64 decoder reached");
        MidpointGrid grid = MidpointGrid.aligned(d, n, depth, d == 1 ? 1 << 11 : 48);
        for (Backend b : backends.values()) {
            List<LevelResult> results = NestedEvaluation.run(c, b, grid);
            for (LevelResult r : results.subList(1, results.size())) {
                String where = function + " d=" + d + " N=" + n + " level " + r.level() + " on " + b.name();
                assertTrue(r.networkWithinBound(), where + ": ||f - Phi_l|| = " + r.networkError() + " > bound " + r.bound());
                assertTrue(r.averageError() <= r.averageBound(), where + ": ||f - E_l f|| = " + r.averageError() + " > " + r.averageBound());
                assertTrue(r.hostDecoderGap() < 1e-6 * (1 + r.bound()), where + ": backend and host decoder differ by " + r.hostDecoderGap());
            }
            // Level 0 is the mean: its error is the L^p deviation of f, and it must not be better than level 1's E_l f.
            assertTrue(results.get(0).networkError() >= results.get(1).averageError() * 0.5, function + ": level 0 on " + b.name());
        }
    }
}
