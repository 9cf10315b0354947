/** Tests of the subcommands, run in process through {@link org.lpa4j.cli.CliRun} on real engines and data. */
package org.lpa4j.cli.command;
