/** End-to-end training: the loss on the last depth only, the baseline. */
package org.lpa4j.trainers.e2e;
