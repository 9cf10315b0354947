/** Tests of the stair network. */
package org.lpa4j.architectures.stair;
