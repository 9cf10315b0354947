package org.lpa4j.bench;

import org.lpa4j.api.layers.Activation;
import org.lpa4j.api.model.ArchitectureOptions;
import org.lpa4j.api.model.Architectures;
import org.lpa4j.api.model.ResidualNetwork;
import org.lpa4j.api.task.LoadedTask;
import org.lpa4j.api.task.TaskOptions;
import org.lpa4j.api.task.Tasks;
import picocli.CommandLine.Option;

/** The task and network whose training steps a step-counting bench command looks at: the demo's by default. */
final class StepNetwork {
    @Option(names = "--task", defaultValue = "surface:peaks2d", description = "a registered task (default ${DEFAULT-VALUE})")
    String task;
    @Option(names = "--arch", defaultValue = "fnn", description = "a registered architecture (default ${DEFAULT-VALUE})")
    String arch;
    @Option(names = "--depth", defaultValue = "6", description = "residual blocks (default ${DEFAULT-VALUE})")
    int depth;
    @Option(names = "--width", defaultValue = "64", description = "residual width (default ${DEFAULT-VALUE})")
    int width;
    @Option(names = "--activation", defaultValue = "TANH", description = "block activation (default ${DEFAULT-VALUE})")
    Activation activation;

    /** The task, loaded. */
    LoadedTask load() {
        return Tasks.discover().load(task, TaskOptions.defaults());
    }

    /** The network for {@code loaded}. */
    ResidualNetwork network(LoadedTask loaded) {
        return Architectures.discover().create(arch, loaded.shape(), ArchitectureOptions.of(depth, width).withActivation(activation));
    }

    @Override
    public String toString() {
        return String.format("%s %s depth %d width %d", task, arch, depth, width);
    }
}
