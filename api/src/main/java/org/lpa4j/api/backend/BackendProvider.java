package org.lpa4j.api.backend;

/**
 * The service-provider interface a backend module registers in {@code META-INF/services}. Construction must be
 * cheap and must not load native code; {@link #create()} loads the engine and reports a failure as a
 * {@link BackendException} naming the backend.
 */
public interface BackendProvider {

    /** The short, lower-case name users select it by ({@code -Dlpa4j.backend=NAME}). */
    String name();

    /** Higher wins when several backends are available and none is requested. */
    int priority();

    /** The engine and version this provider brings, known without loading native code. */
    String description();

    /** Loads the engine and returns a ready backend. */
    Backend create();
}
