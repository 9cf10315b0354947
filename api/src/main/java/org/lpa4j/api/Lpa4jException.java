package org.lpa4j.api;

/** The root of every exception lpa4j throws on purpose; its message says what happened and what to do. */
public class Lpa4jException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public Lpa4jException(String message) {
        super(message);
    }

    public Lpa4jException(String message, Throwable cause) {
        super(message, cause);
    }
}
