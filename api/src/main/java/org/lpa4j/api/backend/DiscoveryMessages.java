package org.lpa4j.api.backend;

import java.util.List;
import java.util.stream.Collectors;

/** The fixed sentences of backend discovery, in one place so tests can assert them word for word. */
public final class DiscoveryMessages {
    /** Where the README explains how to choose a backend. */
    public static final String DOCS = "See README.md#choosing-a-backend.";

    private DiscoveryMessages() {
    }

    /** No provider could be used. */
    public static String noneFound(List<ProviderFailure> failures) {
        String msg = "No lpa4j backend was found on the classpath. Add one of the modules org.lpa4j:backend-djl, "
                + "org.lpa4j:backend-nd4j or org.lpa4j:backend-tensorflow as a dependency.";
        if (!failures.isEmpty()) {
            msg += " Providers that failed to load: " + failures(failures) + ".";
        }
        return msg + " " + DOCS;
    }

    /** A backend was requested by name but is not among those found. */
    public static String unknown(BackendRequest request, List<BackendProvider> found) {
        String list = found.isEmpty() ? "none" : found.stream().map(BackendProvider::name).sorted().collect(Collectors.joining(", "));
        return "Backend '" + request.name() + "' was requested by " + request.source()
                + ", but no backend of that name is on the classpath. Found: " + list
                + ". Use one of those names, or add the backend's module as a dependency. " + DOCS;
    }

    /** Several providers were found and none was requested: which one was chosen. */
    public static String several(List<BackendProvider> found, BackendProvider chosen) {
        String list = found.stream().map(p -> p.name() + " (priority " + p.priority() + ")").collect(Collectors.joining(", "));
        return "Several lpa4j backends were found: " + list + ". Chose " + chosen.name()
                + ", the highest priority. Set -D" + BackendRequest.PROPERTY + "=NAME or " + BackendRequest.ENVIRONMENT
                + "=NAME to choose another. " + DOCS;
    }

    /** A provider listed in META-INF/services could not be instantiated; it is skipped. */
    public static String brokenProvider(ProviderFailure failure) {
        return "The backend provider " + failure.provider() + " could not be instantiated and was skipped: " + failure.reason()
                + ". Check that its module and its engine are on the classpath in matching versions. " + DOCS;
    }

    /** The chosen provider's engine failed to load. */
    public static String loadFailed(BackendProvider provider, Throwable cause) {
        return "Backend '" + provider.name() + "' (" + provider.description() + ") failed to load its engine: " + describe(cause)
                + ". Choose another backend with -D" + BackendRequest.PROPERTY + "=NAME or " + BackendRequest.ENVIRONMENT + "=NAME"
                + " (Backends.discover() lists those found), or install what this engine needs. " + DOCS;
    }

    static String failures(List<ProviderFailure> failures) {
        return failures.stream().map(f -> f.provider() + " (" + f.reason() + ")").collect(Collectors.joining(", "));
    }

    /** A one-line description of a throwable: its type and message, and its root cause when different. */
    public static String describe(Throwable t) {
        Throwable root = t;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String text = t.getClass().getSimpleName() + (t.getMessage() == null ? "" : ": " + t.getMessage());
        if (root != t) {
            text += " (caused by " + root.getClass().getSimpleName() + (root.getMessage() == null ? "" : ": " + root.getMessage()) + ")";
        }
        return text;
    }
}
