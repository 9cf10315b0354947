package org.lpa4j.datasets.surfaces;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.lpa4j.api.Lpa4jException;
import org.lpa4j.api.data.Metric;
import org.lpa4j.api.data.TaskShape;
import org.lpa4j.api.input.InputPreprocessing;
import org.lpa4j.api.task.LoadedTask;
import org.lpa4j.api.task.TaskOptions;
import org.lpa4j.api.task.TaskProvider;

/**
 * Surface-fitting tasks {@code surface:ID}: regression on {@code [0,1]^d}, relative L2 error. Registered with the
 * built-in {@link Surface}s; to fit functions of your own, subclass with a public no-argument constructor that passes
 * them to {@link #SurfaceTasks(List)} and register the subclass as a {@code TaskProvider}.
 */
public class SurfaceTasks implements TaskProvider {
    /** What every surface task's name starts with. */
    public static final String PREFIX = "surface:";

    private final Map<String, SurfaceFunction> surfaces = new LinkedHashMap<>();

    /** The built-in surfaces. */
    public SurfaceTasks() {
        this(List.of(Surface.values()));
    }

    /** The surfaces {@code functions}, each as {@code surface:ID}. */
    protected SurfaceTasks(List<? extends SurfaceFunction> functions) {
        for (SurfaceFunction f : functions) {
            if (surfaces.putIfAbsent(PREFIX + f.id(), f) != null) {
                throw new Lpa4jException("Two surfaces are called '" + f.id() + "'; give each surface its own id.");
            }
        }
    }

    @Override
    public final List<String> names() {
        return List.copyOf(surfaces.keySet());
    }

    @Override
    public final LoadedTask load(String task, TaskOptions o) {
        SurfaceFunction surface = surfaces.get(task);
        if (surface == null) {
            throw new Lpa4jException("Unknown surface task '" + task + "'. Known: " + String.join(", ", surfaces.keySet()) + ".");
        }
        return new LoadedTask(task, SurfaceTask.generate(surface, o.examples(), o.seed(), o.dtype()), Metric.RELATIVE_L2,
                TaskShape.features(surface.dimension(), 1)).withPreprocessing(new InputPreprocessing.Features());
    }
}
