package org.lpa4j.api.backend;

import org.lpa4j.api.Lpa4jException;

/** A backend could not be found, chosen or loaded; the message names the backend and what to do. */
public class BackendException extends Lpa4jException {
    private static final long serialVersionUID = 1L;

    public BackendException(String message) {
        super(message);
    }

    public BackendException(String message, Throwable cause) {
        super(message, cause);
    }
}
