package org.lpa4j.cli.conformance;

import org.lpa4j.api.backend.Backend;
import org.lpa4j.api.backend.BackendProvider;
import org.lpa4j.api.backend.Backends;

/** The backend the command-line conformance run is checking, named by the system property {@value #PROPERTY}. */
final class SelectedBackend {
    static final String PROPERTY = "lpa4j.conformance.backend";

    private SelectedBackend() {
    }

    static Backend open() {
        return Backends.open(name());
    }

    static BackendProvider provider() {
        return Backends.discover().find(name()).orElseThrow();
    }

    private static String name() {
        String name = System.getProperty(PROPERTY);
        if (name == null) {
            throw new IllegalStateException("Set -D" + PROPERTY + "=NAME to run the conformance suite from the command line.");
        }
        return name;
    }
}
