package org.lpa4j.cli.command;

import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import com.google.inject.Inject;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.junit.platform.launcher.Launcher;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;
import org.lpa4j.api.backend.Backend;
import org.lpa4j.api.backend.BackendRequest;
import org.lpa4j.api.backend.Discovery;
import org.lpa4j.cli.conformance.Scoreboard;
import org.lpa4j.conformance.ConformanceSuite;
import org.lpa4j.cli.option.BackendOption;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code lpa4j conformance}: runs {@link ConformanceSuite#SUITES}, the suites every backend's build runs, on one or every backend and prints a scoreboard. */
@Command(name = "conformance", mixinStandardHelpOptions = true,
        description = "Run the conformance suite on each backend (or one) and print required/optional results.")
public final class ConformanceCommand implements Callable<Integer> {
    @picocli.CommandLine.Mixin org.lpa4j.cli.option.ThreadsOption threads;
    private final Discovery discovery;

    @Spec
    CommandSpec spec;

    @Mixin
    BackendOption backend = new BackendOption();

    @Inject
    ConformanceCommand(Discovery discovery) {
        this.discovery = discovery;
    }

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        List<String> names = new ArrayList<>();
        if (backend.name() != null) {
            try (Backend chosen = backend.open(discovery)) {
                names.add(chosen.name());
            }
        } else {
            discovery.providers().forEach(p -> names.add(p.name()));
        }
        Launcher launcher = LauncherFactory.create();
        int failed = 0;
        String requested = System.getProperty(BackendRequest.PROPERTY);
        for (String name : names) {
            // The suite's classes open their backend through the library's one selection: the backend property.
            System.setProperty(BackendRequest.PROPERTY, name);
            Scoreboard board = new Scoreboard();
            LauncherDiscoveryRequest request = LauncherDiscoveryRequestBuilder.request()
                    .selectors(ConformanceSuite.SUITES.stream().map(c -> selectClass(c)).toList()).build();
            launcher.execute(request, board);
            out.printf("%-12s %s%n", name, board.line());
            out.printf("%-12s training semantics, fnn: %s%n", "", board.verdict("TrainingSemantics"));
            board.failures().forEach(f -> out.println("    FAILED " + f));
            out.flush();
            failed += board.requiredFailed();
        }
        if (requested == null) {
            System.clearProperty(BackendRequest.PROPERTY);
        } else {
            System.setProperty(BackendRequest.PROPERTY, requested);
        }
        return failed == 0 ? 0 : 1;
    }
}
