package org.lpa4j.cli;

import java.util.List;
import org.lpa4j.api.Lpa4jException;
import org.lpa4j.api.task.LoadedTask;
import org.lpa4j.api.model.ResidualNetwork;

/** Resolves {@code --arch} into a network for the loaded task, or says which architectures exist and which fit. */
final class ArchitectureCatalog {
    private final List<ArchitectureFactory> factories = List.of(new FnnArchitecture(), new TransformerArchitecture(), new ResNetArchitecture());

    /** Every architecture name. */
    List<String> names() {
        return factories.stream().map(ArchitectureFactory::name).toList();
    }

    /** Throws unless {@code arch} names an architecture. */
    ArchitectureFactory require(String arch) {
        return factories.stream().filter(f -> f.name().equals(arch)).findFirst()
                .orElseThrow(() -> new Lpa4jException("Unknown architecture '" + arch + "'. Known: " + String.join(", ", names()) + "."));
    }

    /** A fresh network of architecture {@code arch} for {@code task}. */
    ResidualNetwork create(String arch, LoadedTask task, FitOptions options) {
        ArchitectureFactory factory = require(arch);
        String why = factory.incompatibility(task.shape());
        if (why != null) {
            List<String> fitting = factories.stream().filter(f -> f.incompatibility(task.shape()) == null).map(ArchitectureFactory::name).toList();
            throw new Lpa4jException("Architecture '" + arch + "' does not fit task " + task.name() + " (" + why + "). Use --arch "
                    + String.join(" or ", fitting) + ".");
        }
        return factory.create(task.shape(), options);
    }
}
