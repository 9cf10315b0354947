/** Runs the conformance suite from the command line: concrete suite classes that take the backend from a property. */
package org.lpa4j.cli.conformance;
