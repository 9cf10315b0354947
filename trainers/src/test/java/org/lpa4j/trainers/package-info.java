/** Tests of the training loop's own parts: the divergence check. */
package org.lpa4j.trainers;
