package org.lpa4j.cli.option;

import org.lpa4j.api.spi.EngineThreads;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * The {@code --threads} option of every command: the engine threads of the {@link EngineThreads} policy, set as its
 * system property while the command line is parsed, so every backend the command opens uses them.
 */
public final class ThreadsOption {
    @Spec(Spec.Target.MIXEE)
    CommandSpec command;

    @Option(names = "--threads", paramLabel = "N",
            description = "threads each engine may use (default: -Dlpa4j.threads, else every core of this machine); 1 where other busy processes share the cores")
    void threads(int threads) {
        if (threads < 1) {
            throw new ParameterException(command.commandLine(), "--threads is " + threads + ", but an engine needs at least 1 thread; give a whole number"
                    + " of at least 1, or leave the option out to use all " + EngineThreads.machineCores() + " core(s) of this machine.");
        }
        EngineThreads.useEverywhere(threads);
    }
}
