package org.lpa4j.experiments;

import java.util.Objects;
import org.lpa4j.api.backend.Discovery;
import org.lpa4j.api.model.Architectures;
import org.lpa4j.api.task.Tasks;
import org.lpa4j.api.training.Trainers;
import org.lpa4j.models.ModelBundles;

/**
 * The extension points an experiment draws on: tasks, architectures, trainers and backends. {@link #discover()} finds
 * those registered on the classpath; a program that binds its own (e.g. through an injector) passes them to the
 * constructor, and saves and loads models through {@link #bundles()}, so what it trains it can also save and load.
 */
public record Registries(Tasks tasks, Architectures architectures, Trainers trainers, Discovery backends) {
    public Registries {
        Objects.requireNonNull(tasks, "tasks is null");
        Objects.requireNonNull(architectures, "architectures is null");
        Objects.requireNonNull(trainers, "trainers is null");
        Objects.requireNonNull(backends, "backends is null");
    }

    /** Every provider registered in {@code META-INF/services} through the thread's context class loader (or this class's). */
    public static Registries discover() {
        ClassLoader loader = Thread.currentThread().getContextClassLoader();
        return discover(loader != null ? loader : Registries.class.getClassLoader());
    }

    /** Every provider registered in {@code META-INF/services} through {@code loader}. */
    public static Registries discover(ClassLoader loader) {
        return new Registries(Tasks.discover(loader), Architectures.discover(loader), Trainers.discover(loader), Discovery.search(loader));
    }

    /** Saving and loading with these architectures and backends. */
    public ModelBundles bundles() {
        return new ModelBundles(architectures, backends);
    }
}
