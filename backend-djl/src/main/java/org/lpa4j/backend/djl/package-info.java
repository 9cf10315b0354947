/**
 * The DJL backend: PyTorch 2.7.1 through DJL 0.35.1 on the CPU. DJL is eager, so a compiled program calls the traced
 * function at every run inside a child {@code NDManager} and an {@code NDScope} (closed at the end of the run), under a
 * {@code GradientCollector} when gradients are needed. Parameters and optimizer state live outside those scopes. The
 * provider forces DJL offline ({@code ai.djl.offline=true}, {@code OPT_OUT_TRACKING=true}) before the engine loads.
 */
package org.lpa4j.backend.djl;
