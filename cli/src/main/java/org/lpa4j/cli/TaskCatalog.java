package org.lpa4j.cli;

import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import org.lpa4j.api.Lpa4jException;
import org.lpa4j.api.data.DataSplits;
import org.lpa4j.api.data.Metric;
import org.lpa4j.api.tensor.DType;
import org.lpa4j.datasets.surfaces.Surface;
import org.lpa4j.datasets.surfaces.SurfaceTask;

/** Resolves a task name given on the command line ({@code surface:peaks2d}, ...) into data splits and its metric. */
final class TaskCatalog {

    /** Every task name the CLI accepts. */
    List<String> names() {
        return Arrays.stream(Surface.values()).map(s -> "surface:" + s.id()).toList();
    }

    /** Throws, listing the known tasks, unless {@code task} is one of them. */
    void requireKnown(String task) {
        if (!names().contains(task)) {
            throw unknown(task);
        }
    }

    /** The splits of {@code task}, or an error listing the known tasks. */
    DataSplits load(String task, int examples, long seed, DType dtype) {
        if (task.startsWith("surface:")) {
            Surface surface;
            try {
                surface = Surface.byId(task.substring("surface:".length()));
            } catch (Lpa4jException e) {
                throw unknown(task);
            }
            return SurfaceTask.generate(surface, examples, seed, dtype);
        }
        throw unknown(task);
    }

    /** The input dimension of {@code task}'s examples. */
    int inputDimension(String task) {
        return Surface.byId(task.substring("surface:".length())).dimension();
    }

    /** The metric reported for {@code task}. */
    Metric metric(String task) {
        return Metric.RELATIVE_L2;
    }

    private Lpa4jException unknown(String task) {
        return new Lpa4jException("Unknown task '" + task + "'. Known tasks: " + names().stream().collect(Collectors.joining(", ")) + ".");
    }
}
