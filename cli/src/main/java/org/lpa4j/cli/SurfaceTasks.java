package org.lpa4j.cli;

import java.util.Arrays;
import java.util.List;
import org.lpa4j.api.data.Metric;
import org.lpa4j.api.data.TaskShape;
import org.lpa4j.datasets.surfaces.Surface;
import org.lpa4j.datasets.surfaces.SurfaceTask;

/** The generated surfaces {@code surface:NAME}: regression on [0,1]^d, relative L2 error. */
final class SurfaceTasks implements TaskFamily {
    private static final String PREFIX = "surface:";

    @Override
    public List<String> names() {
        return Arrays.stream(Surface.values()).map(s -> PREFIX + s.id()).toList();
    }

    @Override
    public LoadedTask load(String task, FitOptions o) {
        Surface surface = Surface.byId(task.substring(PREFIX.length()));
        return new LoadedTask(task, SurfaceTask.generate(surface, o.examples(), o.seed(), o.dtype()), Metric.RELATIVE_L2,
                TaskShape.features(surface.dimension(), 1));
    }
}
