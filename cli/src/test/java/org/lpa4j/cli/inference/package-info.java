/** Tests of reading raw inputs for inference. */
package org.lpa4j.cli.inference;
