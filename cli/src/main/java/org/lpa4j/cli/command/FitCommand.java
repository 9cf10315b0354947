package org.lpa4j.cli.command;

import com.google.inject.Inject;
import java.util.concurrent.Callable;
import org.lpa4j.cli.fit.FitOptions;
import org.lpa4j.cli.fit.FitRunner;
import org.lpa4j.cli.option.LibraryDefaults;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code lpa4j fit}: trains LPA and/or E2E on a task and reports the test metric at every depth. */
@Command(name = "fit", mixinStandardHelpOptions = true, sortOptions = false, defaultValueProvider = LibraryDefaults.class,
        description = "Train a residual network with LPA and/or E2E and report the test metric at every depth.")
public final class FitCommand implements Callable<Integer> {
    @picocli.CommandLine.Mixin org.lpa4j.cli.option.ThreadsOption threads;
    private final FitRunner runner;

    @Spec
    CommandSpec spec;

    @Mixin
    FitOptions options;

    @Inject
    FitCommand(FitRunner runner) {
        this.runner = runner;
    }

    @Override
    public Integer call() throws Exception {
        runner.run(options, spec.commandLine().getOut());
        return 0;
    }
}
