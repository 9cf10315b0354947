/** Tests of the graded network. */
package org.lpa4j.architectures.graded;
