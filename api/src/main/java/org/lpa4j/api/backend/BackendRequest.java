package org.lpa4j.api.backend;

import java.util.Map;
import java.util.Optional;
import java.util.Properties;

/** A user's explicit choice of backend and where it came from (system property, environment, or a command-line option). */
public record BackendRequest(String name, String source) {

    /** The system property that names a backend. */
    public static final String PROPERTY = "lpa4j.backend";
    /** The environment variable that names a backend when the property is absent. */
    public static final String ENVIRONMENT = "LPA4J_BACKEND";

    /** The request in the JVM's system properties or environment, the property first; empty when neither is set. */
    public static Optional<BackendRequest> fromEnvironment() {
        return from(System.getProperties(), System.getenv());
    }

    /** The request in the given properties or environment, the property first; blank values count as absent. */
    public static Optional<BackendRequest> from(Properties properties, Map<String, String> environment) {
        String p = properties.getProperty(PROPERTY);
        if (p != null && !p.isBlank()) {
            return Optional.of(new BackendRequest(p.trim(), "the system property " + PROPERTY));
        }
        String e = environment.get(ENVIRONMENT);
        if (e != null && !e.isBlank()) {
            return Optional.of(new BackendRequest(e.trim(), "the environment variable " + ENVIRONMENT));
        }
        return Optional.empty();
    }
}
