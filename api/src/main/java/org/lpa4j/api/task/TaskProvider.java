package org.lpa4j.api.task;

import java.util.List;

/**
 * A source of tasks, registered in {@code META-INF/services/org.lpa4j.api.task.TaskProvider}: the names it answers to
 * and how to load one. The constructor is cheap; data is read only in {@link #load}.
 */
public interface TaskProvider {

    /** Every task name this provider loads, e.g. {@code surface:peaks2d}. */
    List<String> names();

    /** Loads {@code name} (one of {@link #names()}) with the run's options. */
    LoadedTask load(String name, TaskOptions options);
}
