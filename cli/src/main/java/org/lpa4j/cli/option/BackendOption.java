package org.lpa4j.cli.option;

import java.util.Optional;
import org.lpa4j.api.backend.Backend;
import org.lpa4j.api.backend.BackendRequest;
import org.lpa4j.api.backend.Backends;
import org.lpa4j.api.backend.Discovery;
import picocli.CommandLine.Option;

/** The {@code --backend} option of every command that trains or runs a network, and how it opens the backend. */
public final class BackendOption {
    @Option(names = "--backend", description = "nd4j, djl, tensorflow or onnxruntime (inference only) (default: -Dlpa4j.backend, LPA4J_BACKEND, or the best found)")
    String name;

    /** The backend named {@code name}, or when it is null the one {@code discovery} chooses by the library's rules (property, environment, priority). */
    public static Backend open(Discovery discovery, String name) {
        Optional<BackendRequest> request = name == null ? BackendRequest.fromEnvironment() : Optional.of(new BackendRequest(name, "the --backend option"));
        return Backends.open(discovery, request);
    }

    /** The backend this option names, or the one {@code discovery} chooses. */
    public Backend open(Discovery discovery) {
        return open(discovery, name);
    }

    /** The backend name given, or null when the option is absent. */
    public String name() {
        return name;
    }
}
