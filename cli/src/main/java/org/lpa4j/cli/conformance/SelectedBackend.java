package org.lpa4j.cli.conformance;

import org.lpa4j.api.backend.Backend;
import org.lpa4j.api.backend.BackendProvider;
import org.lpa4j.api.backend.BackendRequest;
import org.lpa4j.api.backend.Backends;

/**
 * The backend a command-line conformance run checks: the one the library's own selection names ({@value #PROPERTY},
 * which the {@code conformance} command sets to each backend in turn), opened through the same discovery as every
 * other command.
 */
final class SelectedBackend {
    /** The library's backend property. */
    static final String PROPERTY = BackendRequest.PROPERTY;

    private SelectedBackend() {
    }

    static Backend open() {
        return Backends.open();
    }

    static BackendProvider provider() {
        String name = System.getProperty(PROPERTY);
        return name == null ? Backends.discover().providers().get(0) : Backends.discover().find(name).orElseThrow();
    }
}
