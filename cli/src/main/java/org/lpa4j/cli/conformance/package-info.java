/** The scoreboard of a command-line conformance run: required and optional results of the suites, counted as they finish. */
package org.lpa4j.cli.conformance;
