package org.lpa4j.cli;

/**
 * A subcommand another module adds to {@code lpa4j} (e.g. {@code sweep}, whose module alone carries Spark): a class
 * annotated as a picocli command, with a public no-argument constructor, listed in
 * {@code META-INF/services/org.lpa4j.cli.ExtraCommand}; the command's injector makes it.
 */
public interface ExtraCommand {
}
