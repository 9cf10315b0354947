package org.lpa4j.api.model;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import org.lpa4j.api.Lpa4jException;
import org.lpa4j.api.ServiceProviders;
import org.lpa4j.api.data.TaskShape;
import org.lpa4j.api.params.ParameterSpec;

/**
 * The architectures on the classpath, found through {@link java.util.ServiceLoader} as {@link ArchitectureProvider}s and sorted by
 * name (or given to {@link #of}): builds a network by name for a task, rebuilds a saved one, and answers an unknown name
 * with a sentence listing the known ones. A provider that cannot be loaded is logged and left out, never fatal.
 */
public final class Architectures {
    private static final String SERVICE_FILE = "META-INF/services/" + ArchitectureProvider.class.getName();

    private final List<ArchitectureProvider> providers;
    private final List<String> broken;

    private Architectures(List<ArchitectureProvider> providers, List<String> broken) {
        List<ArchitectureProvider> sorted = new ArrayList<>(providers);
        sorted.sort(Comparator.comparing(ArchitectureProvider::name));
        this.providers = List.copyOf(sorted);
        this.broken = List.copyOf(broken);
    }

    /** The architectures of {@code providers}, found some other way than {@link #discover()} (e.g. bound by an injector). */
    public static Architectures of(Collection<? extends ArchitectureProvider> providers) {
        return new Architectures(List.copyOf(providers), List.of());
    }

    /** Every provider registered on the classpath of this class (and of the thread's context class loader). */
    public static Architectures discover() {
        ClassLoader loader = Thread.currentThread().getContextClassLoader();
        return discover(loader != null ? loader : Architectures.class.getClassLoader());
    }

    /** Every provider registered through {@code loader}. */
    public static Architectures discover(ClassLoader loader) {
        ServiceProviders<ArchitectureProvider> found = ServiceProviders.load(ArchitectureProvider.class, loader, "An architecture provider");
        return new Architectures(found.providers(), found.broken());
    }

    /** The providers, sorted by name. */
    public List<ArchitectureProvider> providers() {
        return providers;
    }

    /** The registered names, sorted. */
    public List<String> names() {
        return providers.stream().map(ArchitectureProvider::name).toList();
    }

    /** Whether an architecture is registered as {@code name}, or was under a former name. */
    public boolean knows(String name) {
        return providers.stream().anyMatch(p -> p.name().equals(name) || p.formerNames().contains(name));
    }

    /** The names of the architectures that can serve a task of this shape. */
    public List<String> namesFitting(TaskShape shape) {
        return providers.stream().filter(p -> p.incompatibility(shape) == null).map(ArchitectureProvider::name).toList();
    }

    /** The provider registered as {@code name} (or formerly so); an unknown or doubly registered name is a sentence saying what to do. */
    public ArchitectureProvider require(String name) {
        Objects.requireNonNull(name, "name is null");
        List<ArchitectureProvider> matching = providers.stream().filter(p -> p.name().equals(name)).toList();
        if (matching.isEmpty()) {
            matching = providers.stream().filter(p -> p.formerNames().contains(name)).toList();
        }
        if (matching.size() > 1) {
            throw new Lpa4jException("Two architecture providers are registered as '" + name + "': " + matching.stream()
                    .map(p -> p.getClass().getName()).toList() + "; remove one of them from the classpath.");
        }
        if (matching.isEmpty()) {
            throw new Lpa4jException("Unknown architecture '" + name + "'. The architectures on the classpath are: "
                    + (providers.isEmpty() ? "none" : String.join(", ", names())) + ". An architecture is available when the module that"
                    + " provides it (lpa4j's built-in ones: the architectures module) is on the classpath with its ArchitectureProvider"
                    + " registered in " + SERVICE_FILE + "." + (broken.isEmpty() ? "" : " Providers that failed to load: " + broken + "."));
        }
        return matching.get(0);
    }

    /** A fresh network of architecture {@code name} for a task of this shape; an architecture that cannot serve it says why. */
    public ResidualNetwork create(String name, TaskShape shape, ArchitectureOptions options) {
        ArchitectureProvider provider = require(name);
        String why = provider.incompatibility(shape);
        if (why != null) {
            List<String> fitting = namesFitting(shape);
            throw new Lpa4jException("Architecture '" + name + "' cannot serve a task whose examples are " + describe(shape) + " (" + why
                    + "). " + (fitting.isEmpty() ? "No architecture on the classpath can." : "Architectures that can: "
                    + String.join(", ", fitting) + "."));
        }
        return provider.create(shape, options);
    }

    /** The network of architecture {@code name} described by {@code hyperparameters}, as {@link ResidualNetwork#hyperparameters()} gave them. */
    public ResidualNetwork rebuild(String name, Hyperparameters hyperparameters) {
        ArchitectureProvider provider = require(name);
        ResidualNetwork network;
        try {
            network = provider.rebuild(hyperparameters);
        } catch (Lpa4jException e) {
            throw new Lpa4jException("The hyperparameters " + hyperparameters + " do not describe a network of architecture '" + name
                    + "': " + e.getMessage(), e);
        }
        if (!provider.name().equals(network.name())) {
            throw new Lpa4jException("The provider of architecture '" + provider.name() + "' (" + provider.getClass().getName() + ") rebuilt a network"
                    + " that calls itself '" + network.name() + "'; a provider's networks must report its registered name.");
        }
        return network;
    }

    /**
     * The hyperparameters of {@code network}, after checking that its architecture is registered and that the provider
     * rebuilds exactly its parameters from them, so what is saved can be loaded again.
     */
    public Hyperparameters describe(ResidualNetwork network) {
        Hyperparameters h = network.hyperparameters();
        ResidualNetwork again = rebuild(network.name(), h);
        List<ParameterSpec> expected = network.parameters();
        List<ParameterSpec> rebuilt = again.parameters();
        boolean same = expected.size() == rebuilt.size() && again.depth() == network.depth();
        for (int i = 0; same && i < expected.size(); i++) {
            same = expected.get(i).name().equals(rebuilt.get(i).name()) && expected.get(i).shape().equals(rebuilt.get(i).shape());
        }
        if (!same) {
            throw new Lpa4jException("The provider of architecture '" + network.name() + "' rebuilds a different network from the"
                    + " hyperparameters " + h + " (depth " + again.depth() + " and " + rebuilt.size() + " parameters instead of depth "
                    + network.depth() + " and " + expected.size() + "); make hyperparameters() give every value the network is built from.");
        }
        return h;
    }

    private static String describe(TaskShape shape) {
        return (shape.tokens() ? "sequences of token ids " : "inputs of shape ") + java.util.Arrays.toString(shape.example())
                + " with " + shape.outputs() + " outputs (" + shape.output() + ")";
    }
}
