package org.lpa4j.cli.command;

import com.google.inject.Inject;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.lpa4j.cli.fit.FitOptions;
import org.lpa4j.cli.fit.FitRunner;
import org.lpa4j.cli.option.BackendOption;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code lpa4j demo}: LPA against E2E on the 2-D peaks surface with good defaults, in about a minute. */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = "LPA vs E2E on the 2-D peaks surface on the default backend: a table per depth and a plot.")
public final class DemoCommand implements Callable<Integer> {
    @picocli.CommandLine.Mixin org.lpa4j.cli.option.ThreadsOption threads;
    private final FitRunner runner;

    @Spec
    CommandSpec spec;

    @Mixin
    BackendOption backend;
    @Option(names = "--out", defaultValue = "out/demo", description = "output directory, replaced as a whole by each demo run (default ${DEFAULT-VALUE})")
    Path out;
    @Option(names = "--no-interleave", description = "train LPA and then E2E instead of an epoch of each in turn (the default)")
    boolean noInterleave;

    @Inject
    DemoCommand(FitRunner runner) {
        this.runner = runner;
    }

    @Override
    public Integer call() throws Exception {
        List<String> args = new ArrayList<>(List.of("--task", "surface:peaks2d", "--arch", "fnn", "--depth", "6", "--width", "64",
                "--trainer", "both", "--epochs", "60", "--seed", "0", "--lr", "3e-3", "--activation", "TANH", "--out", out.toString(), "--overwrite"));
        if (noInterleave) {
            args.add("--no-interleave");
        }
        if (backend.name() != null) {
            args.addAll(List.of("--backend", backend.name()));
        }
        runner.run(FitOptions.parse(args.toArray(String[]::new)), spec.commandLine().getOut());
        return 0;
    }
}
