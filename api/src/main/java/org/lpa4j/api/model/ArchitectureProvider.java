package org.lpa4j.api.model;

import org.lpa4j.api.data.TaskShape;

/**
 * The service-provider interface of an architecture, found through {@link java.util.ServiceLoader} (register the class
 * in {@code META-INF/services/org.lpa4j.api.model.ArchitectureProvider}): it builds fresh networks for a task and
 * rebuilds a saved one from the {@link Hyperparameters} the network gave when it was saved. {@link Architectures} lists
 * every provider on the classpath. The constructor must be public, take no arguments and be cheap.
 */
public interface ArchitectureProvider {

    /** The registered name, unique on the classpath; every network this provider builds reports it as its {@link ResidualNetwork#name()}. */
    String name();

    /**
     * Names this architecture was registered as before (none by default): a saved model or a setting that gives one of
     * them means this architecture, so a rename keeps old bundles loading.
     */
    default java.util.List<String> formerNames() {
        return java.util.List.of();
    }

    /** Why this architecture cannot serve a task of this shape (a phrase, e.g. "it reads feature vectors"), or {@code null} when it can. */
    String incompatibility(TaskShape shape);

    /** A fresh network for a task this architecture can serve. */
    ResidualNetwork create(TaskShape shape, ArchitectureOptions options);

    /**
     * Exactly the network that returned {@code hyperparameters} from {@link ResidualNetwork#hyperparameters()}: the same
     * parameter names and shapes and the same function of them. Values that do not build a network are an
     * {@link org.lpa4j.api.Lpa4jException} saying which.
     */
    ResidualNetwork rebuild(Hyperparameters hyperparameters);
}
