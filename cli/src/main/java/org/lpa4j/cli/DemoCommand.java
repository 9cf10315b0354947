package org.lpa4j.cli;

import com.google.inject.Inject;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.lpa4j.api.tensor.DType;
import org.lpa4j.api.training.LearningRateSchedule;
import org.lpa4j.api.layers.Activation;
import org.lpa4j.trainers.lpa.DepthWeighting;
import org.lpa4j.trainers.lpa.LpaForm;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code lpa4j demo}: LPA against E2E on the 2-D peaks surface with good defaults, in about a minute. */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = "LPA vs E2E on the 2-D peaks surface on the default backend: a table per depth and a plot.")
final class DemoCommand implements Callable<Integer> {
    private final FitRunner runner;

    @Spec
    CommandSpec spec;

    @Mixin
    BackendOption backend;
    @Option(names = "--out", defaultValue = "out/demo", description = "output directory, replaced as a whole by each demo run (default ${DEFAULT-VALUE})")
    Path out;

    @Inject
    DemoCommand(FitRunner runner) {
        this.runner = runner;
    }

    @Override
    public Integer call() throws Exception {
        runner.run(new FitOptions("surface:peaks2d", "fnn", 6, 64, "both", backend.name, 60, 0, out, 3e-3, 128, 4000, LpaForm.JOINT,
                DepthWeighting.ADAPTIVE, Activation.TANH, DType.FLOAT32, LearningRateSchedule.COSINE, 0, 0, 4, 64, null, true), spec.commandLine().getOut());
        return 0;
    }
}
