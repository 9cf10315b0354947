/**
 * Compilation of trace-compatible functions into programs: forward, gradient and train-step programs that
 * share one backend-owned {@link org.lpa4j.api.compile.VariableStore}, and the neutral optimizer specs.
 */
package org.lpa4j.api.compile;
