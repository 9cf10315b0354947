package org.lpa4j.cli;

import com.google.inject.Guice;
import com.google.inject.Injector;
import com.google.inject.Module;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.ServiceLoader;
import org.lpa4j.cli.command.BackendsCommand;
import org.lpa4j.cli.command.ConformanceCommand;
import org.lpa4j.cli.command.ConstructCommand;
import org.lpa4j.cli.command.DemoCommand;
import org.lpa4j.cli.command.EvaluateCommand;
import org.lpa4j.cli.command.ExportCommand;
import org.lpa4j.cli.command.FitCommand;
import org.lpa4j.cli.command.GenerateCommand;
import org.lpa4j.cli.command.MultigradeReferenceCommand;
import org.lpa4j.cli.command.PredictCommand;
import org.lpa4j.cli.command.SliceCommand;
import org.lpa4j.cli.command.GrowCommand;
import org.lpa4j.cli.option.ErrorSentences;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code lpa4j} command and its subcommands. */
@Command(name = "lpa4j", mixinStandardHelpOptions = true, version = "lpa4j 0.1.0",
        description = "Train residual networks once and use every depth.",
        subcommands = {BackendsCommand.class, FitCommand.class, DemoCommand.class, ConformanceCommand.class, MultigradeReferenceCommand.class, GenerateCommand.class, ConstructCommand.class, EvaluateCommand.class, PredictCommand.class, ExportCommand.class, SliceCommand.class, GrowCommand.class})
public final class Lpa4jCli implements Runnable {

    public static void main(String[] args) {
        System.exit(execute(args));
    }

    /** Runs the command line and returns the exit code, printing errors as sentences, never stack traces. */
    public static int execute(String... args) {
        return execute(new PrintWriter(System.out, true), new PrintWriter(System.err, true), args);
    }

    /** As {@link #execute(String...)}, writing to the given streams. */
    public static int execute(PrintWriter out, PrintWriter err, String... args) {
        return execute(injector(), out, err, args);
    }

    /** The injector of the providers registered on the classpath, with the bindings of {@code more} (e.g. providers of one's own) added. */
    static Injector injector(Module... more) {
        ClassLoader loader = Thread.currentThread().getContextClassLoader();
        List<Module> modules = new ArrayList<>(List.of(more));
        modules.add(CliModule.onClasspath(loader != null ? loader : Lpa4jCli.class.getClassLoader()));
        return Guice.createInjector(modules);
    }

    /** Runs the command line with the commands and their collaborators from {@code injector}. */
    static int execute(Injector injector, PrintWriter out, PrintWriter err, String... args) {
        CommandLine cli = new CommandLine(Lpa4jCli.class, new GuiceFactory(injector));
        // Commands of other modules on the classpath (e.g. sweep), made by the injector like the built-in ones.
        ServiceLoader.load(ExtraCommand.class).stream().map(ServiceLoader.Provider::type).forEach(type -> cli.addSubcommand(injector.getInstance(type)));
        cli.setOut(out);
        cli.setErr(err);
        cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            commandLine.getErr().println("error: " + ErrorSentences.of(e, commandLine.getCommandSpec()));
            return 2;
        });
        try {
            return cli.execute(args);
        } catch (OutOfMemoryError e) {
            // An Error passes every handler above; the JVM can still print a sentence once the run's arrays are unreachable.
            err.println("error: lpa4j ran out of memory (" + e.getMessage() + "). Use a smaller --batch-size, --width, --depth or"
                    + " --limit, or give the JVM more memory (java -Xmx...).");
            return 2;
        }
    }

    @Override
    public void run() {
        new CommandLine(this).usage(System.out);
    }
}
