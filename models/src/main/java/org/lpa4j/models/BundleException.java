package org.lpa4j.models;

import org.lpa4j.api.Lpa4jException;

/** A saved model that cannot be written or read as it is: the message says what is wrong with which file and what to do. */
public class BundleException extends Lpa4jException {
    private static final long serialVersionUID = 1L;

    public BundleException(String message) {
        super(message);
    }

    public BundleException(String message, Throwable cause) {
        super(message, cause);
    }
}
