package org.lpa4j.cli.command;

import com.google.inject.Inject;
import java.io.PrintWriter;
import java.util.EnumSet;
import java.util.Optional;
import org.lpa4j.api.backend.Backend;
import org.lpa4j.api.backend.BackendProvider;
import org.lpa4j.api.backend.BackendRequest;
import org.lpa4j.api.backend.Backends;
import org.lpa4j.api.backend.Capability;
import org.lpa4j.api.backend.Discovery;
import org.lpa4j.api.backend.DiscoveryMessages;
import org.lpa4j.api.backend.ProviderFailure;
import org.lpa4j.api.backend.Selection;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code lpa4j backends}: every backend found, its engine, whether it loads, and which one is chosen and why. */
@Command(name = "backends", mixinStandardHelpOptions = true, description = "List the backends found, check that each loads, and say which is chosen.")
public final class BackendsCommand implements Runnable {
    @picocli.CommandLine.Mixin org.lpa4j.cli.option.ThreadsOption threads;
    private final Discovery discovery;

    @Spec
    CommandSpec spec;

    @Inject
    BackendsCommand(Discovery discovery) {
        this.discovery = discovery;
    }

    @Override
    public void run() {
        PrintWriter out = spec.commandLine().getOut();
        out.printf("%-12s %-9s %-10s %s%n", "backend", "priority", "loads", "engine");
        for (BackendProvider p : discovery.providers()) {
            String loads;
            String engine = p.description();
            try (Backend b = Backends.create(p)) {
                loads = "yes";
                EnumSet<Capability> lacks = EnumSet.complementOf(EnumSet.copyOf(b.capabilities().isEmpty() ? EnumSet.noneOf(Capability.class)
                        : b.capabilities()));
                engine = b.engineVersion() + "; capabilities " + b.capabilities() + (lacks.isEmpty() ? "" : "; lacks " + lacks);
            } catch (RuntimeException e) {
                loads = "NO";
                engine = e.getMessage();
            }
            out.printf("%-12s %-9d %-10s %s%n", p.name(), p.priority(), loads, engine);
        }
        for (ProviderFailure f : discovery.failures()) {
            out.println(DiscoveryMessages.brokenProvider(f));
        }
        Optional<BackendRequest> request = BackendRequest.fromEnvironment();
        Selection chosen = discovery.select(request);
        out.println();
        out.println("Chosen: " + chosen.reason());
    }
}
