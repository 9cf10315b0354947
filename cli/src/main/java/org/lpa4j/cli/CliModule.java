package org.lpa4j.cli;

import com.google.inject.AbstractModule;
import org.lpa4j.cli.output.DepthPlot;
import org.lpa4j.cli.output.ReportWriter;

/** The CLI's wiring: bindings only, no I/O and no conditionals. */
final class CliModule extends AbstractModule {
    @Override
    protected void configure() {
        bind(TaskCatalog.class).asEagerSingleton();
        bind(ReportWriter.class).asEagerSingleton();
        bind(DepthPlot.class).asEagerSingleton();
        bind(FitRunner.class);
    }
}
