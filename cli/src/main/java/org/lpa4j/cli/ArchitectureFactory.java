package org.lpa4j.cli;

import org.lpa4j.api.data.TaskShape;
import org.lpa4j.api.model.ResidualNetwork;

/** Builds the network named by {@code --arch} for a task's example shape and the run's options. */
interface ArchitectureFactory {

    /** The name given to {@code --arch}. */
    String name();

    /** Why this architecture cannot serve a task of this shape, or {@code null} when it can. */
    String incompatibility(TaskShape shape);

    /** A fresh network for the task. */
    ResidualNetwork create(TaskShape shape, FitOptions options);
}
