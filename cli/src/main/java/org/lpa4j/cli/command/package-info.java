/**
 * The {@code lpa4j} subcommands, one picocli {@code @Command} class each ({@code fit}, {@code demo}, {@code evaluate},
 * {@code predict}, {@code generate}, {@code construct}, {@code multigrade-reference}, {@code backends}, {@code conformance}):
 * each reads its options, asks its injected collaborators to do the work and prints the outcome.
 */
package org.lpa4j.cli.command;
