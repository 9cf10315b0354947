/** The lpa4j command line: picocli commands wired with Guice; the only place that prints. */
package org.lpa4j.cli;
