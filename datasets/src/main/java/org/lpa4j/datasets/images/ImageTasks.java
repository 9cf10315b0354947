package org.lpa4j.datasets.images;

import java.util.Arrays;
import java.util.List;
import org.lpa4j.api.task.LoadedTask;
import org.lpa4j.api.task.TaskOptions;
import org.lpa4j.api.task.TaskProvider;
import org.lpa4j.datasets.cache.DataCache;

/** The image-classification tasks {@code digits}, {@code mnist}, {@code fashion-mnist}: top-1 accuracy; the limit caps training images. */
public final class ImageTasks implements TaskProvider {
    @Override
    public List<String> names() {
        return Arrays.stream(ImageDataSet.values()).map(ImageDataSet::id).toList();
    }

    @Override
    public LoadedTask load(String task, TaskOptions o) {
        return ImageDataSet.byId(task).task(DataCache.locate(), o.limit(), o.seed());
    }
}
