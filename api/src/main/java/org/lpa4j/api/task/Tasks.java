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

    /** The tasks of {@code providers}, in their order. */
    public Tasks(List<TaskProvider> providers) {
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

    /** The tasks of every provider registered in {@code META-INF/services}. */
    public static Tasks discover() {
        List<TaskProvider> providers = new ArrayList<>();
        ServiceLoader.load(TaskProvider.class).forEach(providers::add);
        return new Tasks(providers);
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
