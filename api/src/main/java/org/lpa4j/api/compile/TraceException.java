package org.lpa4j.api.compile;

import org.lpa4j.api.Lpa4jException;

/**
 * Thrown when a function is not trace-compatible in a way lpa4j can detect: it used a tensor from another
 * function or backend, used {@code Ops} after its trace ended, or returned something other than promised.
 */
public class TraceException extends Lpa4jException {
    private static final long serialVersionUID = 1L;

    public TraceException(String message) {
        super(message);
    }
}
