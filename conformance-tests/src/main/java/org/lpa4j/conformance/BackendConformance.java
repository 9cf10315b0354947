package org.lpa4j.conformance;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.lpa4j.api.backend.Backend;
import org.lpa4j.api.backend.Backends;
import org.lpa4j.api.backend.Capability;

/**
 * The base of every conformance class: one backend instance per test class, the selected one unless a subclass creates
 * another, closed after the last test. {@link ConformanceSuite#SUITES} lists the classes.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class BackendConformance {
    private Backend backend;

    /**
     * Creates the backend under test; called once per test class. By default the backend the library's selection names
     * ({@code -Dlpa4j.backend}, which each backend module's build and {@code lpa4j conformance} set, else
     * {@code LPA4J_BACKEND}, else the best one found), so a suite runs on any backend without a class of its own.
     */
    protected Backend createBackend() {
        return Backends.open();
    }

    @BeforeAll
    final void openBackend() {
        backend = createBackend();
    }

    @AfterAll
    final void closeBackend() {
        if (backend != null) {
            backend.close();
        }
    }

    /** The backend under test. */
    protected final Backend backend() {
        return backend;
    }

    /**
     * Whether the table-driven tests of the op named {@code op} (as in {@link org.lpa4j.api.ops.Ops}) run; every op by
     * default. Narrow it to debug one op; the project's mutant campaign runs each planted bug against the ops it touches.
     */
    protected boolean includesOp(String op) {
        return true;
    }

    /** Skips the calling test, saying why, when the backend does not declare {@code capability}. */
    protected final void assumeCapability(Capability capability) {
        Assumptions.assumeTrue(backend.supports(capability),
                () -> "skipped: backend '" + backend.name() + "' does not declare " + capability);
    }
}
