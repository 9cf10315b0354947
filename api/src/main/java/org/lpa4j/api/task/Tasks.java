package org.lpa4j.api.task;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import org.lpa4j.api.Lpa4jException;

/**
 * The tasks of every {@link TaskProvider} on the classpath (or given): a library user and the command line see the
 * same set. Two providers claiming one name is an error that names both.
 */
public final class Tasks {
    private final Map<String, TaskProvider> byName = new LinkedHashMap<>();
    private final List<TaskProvider> providers;

    /** The tasks of {@code providers}, in their order (e.g. found by {@link #discover()}, or bound by an injector). */
    public Tasks(List<TaskProvider> providers) {
        this.providers = List.copyOf(providers);
        for (TaskProvider provider : providers) {
            for (String name : provider.names()) {
                TaskProvider earlier = byName.putIfAbsent(name, provider);
                if (earlier != null) {
                    throw new Lpa4jException("Task '" + name + "' is registered twice, by " + earlier.getClass().getName() + " and by "
                            + provider.getClass().getName() + "; remove one registration or rename one task.");
                }
            }
        }
    }

    /** The tasks of every provider registered in {@code META-INF/services}, through the thread's context class loader. */
    public static Tasks discover() {
        ClassLoader loader = Thread.currentThread().getContextClassLoader();
        return discover(loader != null ? loader : Tasks.class.getClassLoader());
    }

    /** The tasks of every provider registered in {@code META-INF/services} through {@code loader}. */
    public static Tasks discover(ClassLoader loader) {
        List<TaskProvider> providers = new ArrayList<>();
        ServiceLoader.load(TaskProvider.class, loader).forEach(providers::add);
        return new Tasks(providers);
    }

    /** The providers, in registration order. */
    public List<TaskProvider> providers() {
        return providers;
    }

    /** Every task name, in registration order. */
    public List<String> names() {
        return List.copyOf(byName.keySet());
    }

    /** Throws, listing the known tasks, unless {@code name} is one of them. */
    public void requireKnown(String name) {
        provider(name);
    }

    /** Loads {@code name} with {@code options}, or throws an error listing the known tasks. */
    public LoadedTask load(String name, TaskOptions options) {
        return provider(name).load(name, options);
    }

    private TaskProvider provider(String name) {
        TaskProvider provider = byName.get(name);
        if (provider == null) {
            throw new Lpa4jException("Unknown task '" + name + "'. Known tasks: " + String.join(", ", byName.keySet())
                    + ". A task of your own appears here when its TaskProvider is registered in META-INF/services.");
        }
        return provider;
    }
}
