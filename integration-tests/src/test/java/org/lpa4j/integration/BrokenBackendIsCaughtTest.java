package org.lpa4j.integration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Event;
import org.lpa4j.api.backend.Backend;
import org.lpa4j.api.backend.Backends;
import org.lpa4j.conformance.OpsConformance;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The suite can fail: {@link OpsConformance} run against {@link BrokenBackend} (DJL underneath) must fail exactly the
 * tests that see the two faults, and every other test must end as it does on the real DJL backend.
 *
 * <p>The faults reach these tests, and only these: the value tests of {@code tanh}; the gradient tests of
 * {@code sin}; and, through the neutral defaults built on {@code tanh}, the value tests of {@code sigmoid} and
 * {@code gelu} and the gradient test of {@code gelu} (whose product rule uses tanh's value). The backend's own
 * sigmoid and gelu do not go through the broken tanh, so they pass.
 */
class BrokenBackendIsCaughtTest {
    private static final Logger LOG = LoggerFactory.getLogger(BrokenBackendIsCaughtTest.class);

    /** OpsConformance on the broken decorator. */
    static class OnBrokenDjl extends OpsConformance {
        @Override
        protected Backend createBackend() {
            return new BrokenBackend(Backends.open("djl"));
        }
    }

    /** OpsConformance on the real DJL backend: the baseline. */
    static class OnRealDjl extends OpsConformance {
        @Override
        protected Backend createBackend() {
            return Backends.open("djl");
        }
    }

    private static boolean seesAFault(String name) {
        boolean values = name.endsWith(": values");
        boolean gradient = name.endsWith(": gradient");
        boolean neutral = name.contains("(neutral default)");
        return values && name.startsWith("tanh ")
                || gradient && name.startsWith("sin ")
                || values && neutral && (name.startsWith("sigmoid ") || name.startsWith("gelu "))
                || gradient && neutral && name.startsWith("gelu ");
    }

    private static Set<String> names(List<Event> events) {
        return events.stream().map(e -> e.getTestDescriptor().getDisplayName()).collect(Collectors.toCollection(TreeSet::new));
    }

    private static EngineExecutionResults run(Class<?> suite) {
        return EngineTestKit.engine("junit-jupiter").selectors(selectClass(suite)).execute();
    }

    @Test
    void opsConformance_failsExactlyTheTestsThatSeeTheBrokenSinGradientAndTanhValue() {
        EngineExecutionResults real = run(OnRealDjl.class);
        EngineExecutionResults broken = run(OnBrokenDjl.class);
        assertEquals(0, broken.containerEvents().failed().count(), "no test class or factory of the suite may fail as a whole");

        Set<String> all = names(broken.testEvents().finished().list());
        Set<String> expected = all.stream().filter(BrokenBackendIsCaughtTest::seesAFault).collect(Collectors.toCollection(TreeSet::new));
        Set<String> realFailures = names(real.testEvents().failed().list());
        Set<String> brokenFailures = names(broken.testEvents().failed().list());

        assertTrue(expected.contains("tanh [2, 3] FLOAT32: values") && expected.contains("sin [2, 3] FLOAT64: gradient"),
                () -> "the suite no longer has the tanh value and sin gradient cases this test relies on: " + expected);
        Set<String> maskedByRealFailures = new TreeSet<>(expected);
        maskedByRealFailures.retainAll(realFailures);
        assertEquals(Set.of(), maskedByRealFailures, "tests that see a fault already fail on the real DJL backend, so they prove nothing");

        Set<String> caughtByFault = new TreeSet<>(brokenFailures);
        caughtByFault.removeAll(realFailures);
        assertEquals(expected, caughtByFault, "the broken backend must fail exactly the tests that see its faults");
        Set<String> others = new TreeSet<>(brokenFailures);
        others.removeAll(expected);
        assertEquals(realFailures, others, "every other test must end as on the real DJL backend");
        assertEquals(names(real.testEvents().skipped().list()), names(broken.testEvents().skipped().list()), "the same tests are skipped");
        assertEquals(real.testEvents().finished().count(), broken.testEvents().finished().count(), "the same number of tests run");
        LOG.info(
                "The suite caught the broken backend in {} of {} tests: {}. Failures shared with the real DJL backend: {}", expected.size(),
                all.size(), expected, realFailures);
    }
}
