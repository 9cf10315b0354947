package org.lpa4j.api.training;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import org.lpa4j.api.Lpa4jException;
import org.lpa4j.api.ServiceProviders;

/**
 * The trainers on the classpath, found through {@link java.util.ServiceLoader} as {@link TrainerProvider}s and sorted by name (or
 * given to {@link #of}): builds a trainer by name, and answers an unknown name with a sentence listing the known ones. A
 * provider that cannot be loaded is logged and left out, never fatal.
 */
public final class Trainers {
    private static final String SERVICE_FILE = "META-INF/services/" + TrainerProvider.class.getName();

    private final List<TrainerProvider> providers;
    private final List<String> broken;

    private Trainers(Collection<? extends TrainerProvider> providers, List<String> broken) {
        List<TrainerProvider> sorted = new ArrayList<>(providers);
        sorted.sort(Comparator.comparing(TrainerProvider::name));
        this.providers = List.copyOf(sorted);
        this.broken = List.copyOf(broken);
    }

    /** The trainers of {@code providers}, found some other way than {@link #discover()} (e.g. bound by an injector). */
    public static Trainers of(Collection<? extends TrainerProvider> providers) {
        return new Trainers(providers, List.of());
    }

    /** Every provider registered on the classpath of the thread's context class loader (or of this class). */
    public static Trainers discover() {
        ClassLoader loader = Thread.currentThread().getContextClassLoader();
        return discover(loader != null ? loader : Trainers.class.getClassLoader());
    }

    /** Every provider registered through {@code loader}. */
    public static Trainers discover(ClassLoader loader) {
        ServiceProviders<TrainerProvider> found = ServiceProviders.load(TrainerProvider.class, loader, "A trainer provider");
        return new Trainers(found.providers(), found.broken());
    }

    /** The providers, sorted by name. */
    public List<TrainerProvider> providers() {
        return providers;
    }

    /** The registered names, sorted. */
    public List<String> names() {
        return providers.stream().map(TrainerProvider::name).toList();
    }

    /** The provider registered as {@code name} (or formerly so); an unknown or doubly registered name is a sentence saying what to do. */
    public TrainerProvider require(String name) {
        Objects.requireNonNull(name, "name is null");
        List<TrainerProvider> matching = providers.stream().filter(p -> p.name().equals(name)).toList();
        if (matching.isEmpty()) {
            matching = providers.stream().filter(p -> p.formerNames().contains(name)).toList();
        }
        if (matching.size() > 1) {
            throw new Lpa4jException("Two trainer providers are registered as '" + name + "': " + matching.stream()
                    .map(p -> p.getClass().getName()).toList() + "; remove one of them from the classpath.");
        }
        if (matching.isEmpty()) {
            throw new Lpa4jException("Unknown trainer '" + name + "'. The trainers on the classpath are: "
                    + (providers.isEmpty() ? "none" : String.join(", ", names())) + ". A trainer is available when the module that"
                    + " provides it (lpa4j's built-in ones: the trainers module) is on the classpath with its TrainerProvider registered in "
                    + SERVICE_FILE + "." + (broken.isEmpty() ? "" : " Providers that failed to load: " + broken + "."));
        }
        return matching.get(0);
    }

    /** The trainer registered as {@code name}, built with {@code options}. */
    public ProgressiveTrainer create(String name, TrainerOptions options) {
        return require(name).create(options);
    }
}
