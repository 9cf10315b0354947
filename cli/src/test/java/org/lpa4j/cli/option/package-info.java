/** Tests of what the command line adds to library messages. */
package org.lpa4j.cli.option;
