/** Per-depth readouts around any residual network: a per-depth affine adapter before the shared head, per-depth temperatures. */
package org.lpa4j.architectures.readout;
