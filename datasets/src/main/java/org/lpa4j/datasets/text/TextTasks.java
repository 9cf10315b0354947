package org.lpa4j.datasets.text;

import java.util.List;
import org.lpa4j.api.task.LoadedTask;
import org.lpa4j.api.task.TaskOptions;
import org.lpa4j.api.task.TaskProvider;
import org.lpa4j.datasets.cache.DataCache;

/**
 * The text tasks on fetched data: {@code moby} (next character on Moby Dick, bits per character) and {@code spam}
 * (SpamAssassin ham against spam, accuracy), with the run's context as the tokens per example.
 */
public final class TextTasks implements TaskProvider {

    @Override
    public List<String> names() {
        return List.of(MobyDick.NAME, SpamAssassin.NAME);
    }

    @Override
    public LoadedTask load(String task, TaskOptions o) {
        if (MobyDick.NAME.equals(task)) {
            return MobyDick.load(DataCache.locate(), o.context(), o.limit(), o.seed()).task();
        }
        return SpamAssassin.task(DataCache.locate(), o.context(), o.limit(), o.seed());
    }
}
