/** Tests of the CLI output writers. */
package org.lpa4j.cli.output;
