package org.lpa4j.integration.mutants;

import java.util.Objects;
import java.util.Set;
import java.util.function.UnaryOperator;
import org.lpa4j.api.backend.Backend;
import org.lpa4j.api.model.ResidualNetwork;

/**
 * One planted bug: its name, its kind, what it plants, the suite classes and ops that can see it, and how it wraps the
 * real backend (or, for an architecture-level bug, the network under test). An equivalent mutant changes the code but
 * not the behaviour the suite specifies; it says why, is run to show the suite accepts it, and is not counted.
 */
record Mutant(String name, Kind kind, String plants, Set<Suite> suites, Set<String> ops, UnaryOperator<Backend> backend,
        UnaryOperator<ResidualNetwork> network, String equivalentBecause) {

    /** What part of a backend the bug is in. */
    enum Kind {
        VALUES, GRADIENT, FLOAT32_ONLY, BATCH_DIMENSION, OPTIMIZER, ARCHITECTURE
    }

    /** The suite classes a mutant can be run against (see {@link MutantSuites}). */
    enum Suite {
        OPS, GRADIENTS, OPTIMIZER, STRUCTURE
    }

    Mutant {
        Objects.requireNonNull(name, "name is null");
        Objects.requireNonNull(kind, "kind is null");
        Objects.requireNonNull(plants, "plants is null");
        suites = Set.copyOf(suites);
        ops = Set.copyOf(ops);
        Objects.requireNonNull(backend, "backend is null");
        Objects.requireNonNull(network, "network is null");
    }

    /** Whether the suite must accept this mutant rather than kill it. */
    boolean isEquivalent() {
        return equivalentBecause != null;
    }

    /** This mutant, marked equivalent for {@code reason}. */
    Mutant equivalent(String reason) {
        return new Mutant(name, kind, plants, suites, ops, backend, network, reason);
    }
}
