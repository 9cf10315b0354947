package org.lpa4j.cli;

import java.util.List;
import java.util.stream.Collectors;
import org.lpa4j.api.Lpa4jException;

/** Resolves a task name given on the command line ({@code surface:peaks2d}, ...) through the task families. */
final class TaskCatalog {
    private final List<TaskFamily> families = List.of(new SurfaceTasks(), new TextTasks(), new ImageTasks());

    /** Every task name the CLI accepts. */
    List<String> names() {
        return families.stream().flatMap(f -> f.names().stream()).toList();
    }

    /** Throws, listing the known tasks, unless {@code task} is one of them. */
    void requireKnown(String task) {
        family(task);
    }

    /** Loads {@code task}, or throws an error listing the known tasks. */
    LoadedTask load(String task, FitOptions options) {
        return family(task).load(task, options);
    }

    private TaskFamily family(String task) {
        return families.stream().filter(f -> f.names().contains(task)).findFirst()
                .orElseThrow(() -> new Lpa4jException("Unknown task '" + task + "'. Known tasks: " + String.join(", ", names()) + "."));
    }
}
