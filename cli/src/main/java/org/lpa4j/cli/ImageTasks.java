package org.lpa4j.cli;

import java.util.Arrays;
import java.util.List;
import org.lpa4j.api.data.DataSplits;
import org.lpa4j.api.data.Metric;
import org.lpa4j.api.data.OutputKind;
import org.lpa4j.api.data.TaskShape;
import org.lpa4j.datasets.cache.DataCache;
import org.lpa4j.datasets.images.ImageDataSet;

/** The image-classification tasks {@code digits}, {@code mnist}, {@code fashion-mnist}: top-1 accuracy; {@code --limit} caps training images. */
final class ImageTasks implements TaskFamily {
    @Override
    public List<String> names() {
        return Arrays.stream(ImageDataSet.values()).map(ImageDataSet::id).toList();
    }

    @Override
    public LoadedTask load(String task, FitOptions o) {
        DataSplits data = ImageDataSet.byId(task).load(DataCache.locate(), o.limit(), o.seed());
        int[] dims = data.train().x().shape().dims();
        return new LoadedTask(task, data, Metric.ACCURACY,
                new TaskShape(new int[] {dims[1], dims[2], dims[3]}, false, 0, ImageDataSet.CLASSES, OutputKind.CLASSES));
    }
}
