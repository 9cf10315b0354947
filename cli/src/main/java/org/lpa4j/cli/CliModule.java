package org.lpa4j.cli;

import org.lpa4j.cli.fit.FitRunner;
import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import org.lpa4j.api.model.Architectures;
import org.lpa4j.api.task.Tasks;
import org.lpa4j.cli.output.DepthPlot;
import org.lpa4j.cli.output.ReportWriter;

/** The CLI's wiring: bindings only, no I/O and no conditionals. */
final class CliModule extends AbstractModule {
    @Override
    protected void configure() {
        bind(ReportWriter.class).asEagerSingleton();
        bind(DepthPlot.class).asEagerSingleton();
        bind(FitRunner.class);
    }

    /** Every architecture registered on the classpath (the architectures module's and any of the user's own). */
    @Provides
    @Singleton
    Architectures architectures() {
        return Architectures.discover();
    }

    /** Every task registered on the classpath (the datasets module's and any of the user's own). */
    @Provides
    @Singleton
    Tasks tasks() {
        return Tasks.discover();
    }
}
