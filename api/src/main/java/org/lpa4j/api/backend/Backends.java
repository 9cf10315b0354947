package org.lpa4j.api.backend;

import java.util.Optional;

/**
 * The entry point for choosing a backend: {@code Backends.open()} honours {@code -Dlpa4j.backend} or
 * {@code LPA4J_BACKEND}, and otherwise opens the available backend with the best priority.
 */
public final class Backends {
    private Backends() {
    }

    /** Opens the requested backend, or the best one found. */
    public static Backend open() {
        return open(discover(), BackendRequest.fromEnvironment());
    }

    /** Opens the backend called {@code name}. */
    public static Backend open(String name) {
        return open(name, "the caller");
    }

    /** Opens the backend called {@code name}; {@code source} says where the name came from, for the error message. */
    public static Backend open(String name, String source) {
        return open(discover(), Optional.of(new BackendRequest(name, source)));
    }

    /** Searches the context class loader (or this class's loader) for providers. */
    public static Discovery discover() {
        ClassLoader loader = Thread.currentThread().getContextClassLoader();
        return Discovery.search(loader != null ? loader : Backends.class.getClassLoader());
    }

    /** Selects from {@code discovery} and loads the engine, wrapping any load failure in a {@link BackendException}. */
    public static Backend open(Discovery discovery, Optional<BackendRequest> request) {
        return create(discovery.select(request).provider());
    }

    /** Loads {@code provider}'s engine; any failure, native ones included, becomes a {@link BackendException}. */
    public static Backend create(BackendProvider provider) {
        try {
            return provider.create();
        } catch (BackendException e) {
            throw e;
        } catch (RuntimeException | LinkageError e) {
            throw new BackendException(DiscoveryMessages.loadFailed(provider, e), e);
        }
    }
}
