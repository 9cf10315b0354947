/**
 * The shared conformance suite. Each {@code *Conformance} class is an abstract JUnit 5 class; a backend plugs
 * in by subclassing it in its own {@code src/test} and implementing {@link org.lpa4j.conformance.BackendConformance#createBackend()}.
 * Test names state the obligation: {@code required_...} must pass, {@code optional_...} may be skipped with a reason.
 */
package org.lpa4j.conformance;
