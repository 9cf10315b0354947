package org.lpa4j.cli;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import com.google.inject.multibindings.Multibinder;
import java.util.List;
import java.util.Set;
import org.lpa4j.api.backend.BackendProvider;
import org.lpa4j.api.backend.Discovery;
import org.lpa4j.api.backend.ProviderFailure;
import org.lpa4j.api.model.ArchitectureProvider;
import org.lpa4j.api.model.Architectures;
import org.lpa4j.api.task.TaskProvider;
import org.lpa4j.api.task.Tasks;
import org.lpa4j.api.training.TrainerProvider;
import org.lpa4j.api.training.Trainers;
import org.lpa4j.experiments.ExperimentRunner;
import org.lpa4j.experiments.Registries;
import org.lpa4j.models.ModelBundles;
import org.lpa4j.cli.output.ConstructionPlot;
import org.lpa4j.cli.output.DepthPlot;
import org.lpa4j.cli.output.ReportWriter;

/**
 * The CLI's wiring, bindings only: the providers of each extension point (backends, tasks, architectures, trainers) as set
 * multibindings, which another module may add to, the registries the commands use built from those sets, and the
 * writers. The classpath is searched by {@link #onClasspath}, before any binding, with the library's own searches.
 */
final class CliModule extends AbstractModule {
    private final Discovery backends;
    private final List<TaskProvider> tasks;
    private final List<ArchitectureProvider> architectures;
    private final List<TrainerProvider> trainers;

    private CliModule(Discovery backends, List<TaskProvider> tasks, List<ArchitectureProvider> architectures, List<TrainerProvider> trainers) {
        this.backends = backends;
        this.tasks = tasks;
        this.architectures = architectures;
        this.trainers = trainers;
    }

    /** The wiring of the providers registered in {@code META-INF/services} through {@code loader}, as the library finds them. */
    static CliModule onClasspath(ClassLoader loader) {
        Registries found = Registries.discover(loader);
        return new CliModule(found.backends(), found.tasks().providers(), found.architectures().providers(), found.trainers().providers());
    }

    @Override
    protected void configure() {
        Multibinder<BackendProvider> backendSet = Multibinder.newSetBinder(binder(), BackendProvider.class);
        backends.providers().forEach(p -> backendSet.addBinding().toInstance(p));
        Multibinder<ProviderFailure> failureSet = Multibinder.newSetBinder(binder(), ProviderFailure.class).permitDuplicates();
        backends.failures().forEach(f -> failureSet.addBinding().toInstance(f));
        Multibinder<TaskProvider> taskSet = Multibinder.newSetBinder(binder(), TaskProvider.class);
        tasks.forEach(p -> taskSet.addBinding().toInstance(p));
        Multibinder<ArchitectureProvider> architectureSet = Multibinder.newSetBinder(binder(), ArchitectureProvider.class);
        architectures.forEach(p -> architectureSet.addBinding().toInstance(p));
        Multibinder<TrainerProvider> trainerSet = Multibinder.newSetBinder(binder(), TrainerProvider.class);
        trainers.forEach(p -> trainerSet.addBinding().toInstance(p));
        bind(ReportWriter.class).in(Singleton.class);
        bind(DepthPlot.class).in(Singleton.class);
        bind(ConstructionPlot.class).in(Singleton.class);
    }

    /** The backends bound, and those whose provider could not be instantiated, under the library's selection rules. */
    @Provides
    @Singleton
    Discovery discovery(Set<BackendProvider> providers, Set<ProviderFailure> failures) {
        return new Discovery(List.copyOf(providers), List.copyOf(failures));
    }

    /** The tasks bound, in binding order (the datasets module's and any of the user's own). */
    @Provides
    @Singleton
    Tasks tasks(Set<TaskProvider> providers) {
        return new Tasks(List.copyOf(providers));
    }

    /** The trainers bound (the trainers module's and any of the user's own). */
    @Provides
    @Singleton
    Trainers trainers(Set<TrainerProvider> providers) {
        return Trainers.of(providers);
    }

    /** Every registry bound, as experiments use them. */
    @Provides
    @Singleton
    Registries registries(Tasks tasks, Architectures architectures, Trainers trainers, Discovery backends) {
        return new Registries(tasks, architectures, trainers, backends);
    }

    /** The runner of experiments on the bound registries. */
    @Provides
    @Singleton
    ExperimentRunner experimentRunner(Registries registries) {
        return new ExperimentRunner(registries);
    }

    /** Saving and loading models with the bound architectures and backends, so whatever fit trains evaluate and predict load. */
    @Provides
    @Singleton
    ModelBundles modelBundles(Registries registries) {
        return registries.bundles();
    }

    /** The architectures bound (the architectures module's and any of the user's own). */
    @Provides
    @Singleton
    Architectures architectures(Set<ArchitectureProvider> providers) {
        return Architectures.of(providers);
    }
}
