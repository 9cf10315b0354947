package org.lpa4j.cli;

import java.io.PrintWriter;
import java.io.StringWriter;

/** One in-process run of the {@code lpa4j} command: its exit code and what it wrote to standard output and error. */
public record CliRun(int code, String out, String err) {

    /** Runs {@code lpa4j args...} and captures its outputs. */
    public static CliRun of(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Lpa4jCli.execute(new PrintWriter(out, true), new PrintWriter(err, true), args);
        return new CliRun(code, out.toString(), err.toString());
    }
}
