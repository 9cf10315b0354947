/** The {@code lpa4j sweep} command: parses its flags, runs the library's sweep with progress on the terminal, prints and writes its tables. */
package org.lpa4j.sweep.cli;
