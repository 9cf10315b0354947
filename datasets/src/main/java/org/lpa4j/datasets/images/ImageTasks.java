package org.lpa4j.datasets.images;

import java.util.Arrays;
import java.util.List;
import org.lpa4j.api.data.DataSplits;
import org.lpa4j.api.data.Metric;
import org.lpa4j.api.data.OutputKind;
import org.lpa4j.api.data.TaskShape;
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
        ImageDataSet set = ImageDataSet.byId(task);
        DataSplits data = set.load(DataCache.locate(), o.limit(), o.seed());
        int[] dims = data.train().x().shape().dims();
        return new LoadedTask(task, data, Metric.ACCURACY,
                new TaskShape(new int[] {dims[1], dims[2], dims[3]}, false, 0, ImageDataSet.CLASSES, OutputKind.CLASSES), set.labels());
    }
}
