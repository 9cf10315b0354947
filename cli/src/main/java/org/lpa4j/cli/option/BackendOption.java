package org.lpa4j.cli.option;

import org.lpa4j.api.backend.Backend;
import org.lpa4j.api.backend.Backends;
import picocli.CommandLine.Option;

/** The {@code --backend} option of every command that trains or runs a network, and how it opens the backend. */
public final class BackendOption {
    @Option(names = "--backend", description = "nd4j, djl or tensorflow (default: -Dlpa4j.backend, LPA4J_BACKEND, or the best found)")
    public String name;

    /** The backend named by {@code name}, or the one discovery chooses when {@code name} is null. */
    public static Backend open(String name) {
        return name == null ? Backends.open() : Backends.open(name, "the --backend option");
    }

    /** The backend this option names, or the one discovery chooses. */
    public Backend open() {
        return open(name);
    }
}
