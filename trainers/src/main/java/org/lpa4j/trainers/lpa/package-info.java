/** Layer-wise progressive approximation: every depth's readout is aligned with its residual target. */
package org.lpa4j.trainers.lpa;
