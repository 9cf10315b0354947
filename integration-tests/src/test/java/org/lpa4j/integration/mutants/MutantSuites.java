package org.lpa4j.integration.mutants;

import java.util.List;
import org.junit.platform.engine.DiscoverySelector;
import org.junit.platform.engine.discovery.DiscoverySelectors;
import org.lpa4j.api.backend.Backend;
import org.lpa4j.api.backend.Backends;
import org.lpa4j.api.model.ResidualNetwork;
import org.lpa4j.conformance.GradientConformance;
import org.lpa4j.conformance.OpsConformance;
import org.lpa4j.conformance.OptimizerConformance;
import org.lpa4j.conformance.TrainingSemanticsConformance;

/**
 * The suite classes the campaign runs, each on the mutant of the moment wrapped around the real TensorFlow backend
 * (the fastest of the three), and narrowed to the ops the mutant touches. Not thread-safe: one mutant at a time.
 */
final class MutantSuites {
    /** The engine every mutant wraps. */
    static final String REAL_BACKEND = "tensorflow";
    /** The one test of {@link TrainingSemanticsConformance} that checks a network's structure, without training. */
    static final String STRUCTURE_TEST = "required_network_readoutLDependsOnExactlyBlocks1ToL_throughResidualConnections";

    private static Mutant current;

    private MutantSuites() {
    }

    /** Makes {@code mutant} the one the suite classes below see. */
    static void use(Mutant mutant) {
        current = mutant;
    }

    /** What to run for {@code mutant}. */
    static List<DiscoverySelector> selectors(Mutant mutant) {
        return mutant.suites().stream().sorted().map(s -> switch (s) {
            case OPS -> (DiscoverySelector) DiscoverySelectors.selectClass(Ops.class);
            case GRADIENTS -> DiscoverySelectors.selectClass(Gradients.class);
            case OPTIMIZER -> DiscoverySelectors.selectClass(Optimizer.class);
            case STRUCTURE -> DiscoverySelectors.selectMethod(Structure.class, STRUCTURE_TEST);
        }).toList();
    }

    private static Backend mutatedBackend() {
        return current.backend().apply(Backends.open(REAL_BACKEND));
    }

    private static boolean touches(String op) {
        return current.ops().isEmpty() || current.ops().contains(op);
    }

    /** {@link OpsConformance} on the mutant. */
    static class Ops extends OpsConformance {
        @Override
        protected Backend createBackend() {
            return mutatedBackend();
        }

        @Override
        protected boolean includesOp(String op) {
            return touches(op);
        }
    }

    /** {@link GradientConformance} on the mutant. */
    static class Gradients extends GradientConformance {
        @Override
        protected Backend createBackend() {
            return mutatedBackend();
        }

        @Override
        protected boolean includesOp(String op) {
            return touches(op);
        }
    }

    /** {@link OptimizerConformance} on the mutant. */
    static class Optimizer extends OptimizerConformance {
        @Override
        protected Backend createBackend() {
            return mutatedBackend();
        }
    }

    /** {@link TrainingSemanticsConformance} on the real backend, with the mutant's network. */
    static class Structure extends TrainingSemanticsConformance {
        @Override
        protected Backend createBackend() {
            return mutatedBackend();
        }

        @Override
        protected ResidualNetwork network() {
            return current.network().apply(super.network());
        }
    }
}
