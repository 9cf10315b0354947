package org.lpa4j.datasets.text;

import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;
import org.lpa4j.api.task.LoadedTask;
import org.lpa4j.api.task.TaskOptions;
import org.lpa4j.api.task.TaskProvider;

/**
 * A text of your own as a next-character task: subclass with a public no-argument constructor that names the task and
 * says where its text comes from, and register the subclass as a {@code TaskProvider}. The text is read when the task
 * is loaded and split as {@link CharacterCorpus} does; the run's limit caps the training windows only.
 */
public class CharacterCorpusTasks implements TaskProvider {
    private final String name;
    private final Supplier<String> text;

    /** A task called {@code name} on the text {@code text} supplies. */
    protected CharacterCorpusTasks(String name, Supplier<String> text) {
        this.name = Objects.requireNonNull(name, "name is null");
        this.text = Objects.requireNonNull(text, "text is null");
    }

    @Override
    public final List<String> names() {
        return List.of(name);
    }

    @Override
    public final LoadedTask load(String task, TaskOptions options) {
        return CharacterCorpus.split(name, text.get(), options.context(), options.limit(), 0, options.seed()).task();
    }
}
