package org.lpa4j.cli;

import com.google.inject.Injector;
import java.io.PrintWriter;
import java.io.StringWriter;

/** One in-process run of the {@code lpa4j} command: its exit code and what it wrote to standard output and error. */
public record CliRun(int code, String out, String err) {

    /** Runs {@code lpa4j args...} and captures its outputs. */
    public static CliRun of(String... args) {
        return of(Lpa4jCli.injector(), args);
    }

    /** Runs {@code lpa4j args...} with the commands and collaborators of {@code injector} (e.g. with bindings of one's own). */
    static CliRun of(Injector injector, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Lpa4jCli.execute(injector, new PrintWriter(out, true), new PrintWriter(err, true), args);
        return new CliRun(code, out.toString(), err.toString());
    }
}
